using Bot.Core.Commands;
using Bot.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Core.Delivery;

/// <summary>
/// Sends due outbox rows through the messenger of each row's platform and records the outcome:
/// sent; retried with doubling back-off (or the platform's Retry-After); finally failed with the
/// platform's reason; a chat the platform reports gone is paused. See <see cref="OutboxStore"/> for
/// the claim-then-send order that keeps every row from being sent twice.
/// </summary>
internal sealed partial class DeliveryWorker : BackgroundService
{
    private readonly OutboxStore _outbox;
    private readonly SubscriptionStore _subscriptions;
    private readonly Dictionary<Platform, IMessenger> _messengers;
    private readonly DeliverySignal _signal;
    private readonly IOptions<DeliveryOptions> _optionsSource;
    private readonly BotDatabase _database;
    private readonly TimeProvider _time;
    private readonly ILogger<DeliveryWorker> _logger;

    public DeliveryWorker(
        OutboxStore outbox,
        SubscriptionStore subscriptions,
        IEnumerable<IMessenger> messengers,
        DeliverySignal signal,
        IOptions<DeliveryOptions> options,
        BotDatabase database,
        TimeProvider time,
        ILogger<DeliveryWorker> logger)
    {
        ArgumentNullException.ThrowIfNull(messengers);
        ArgumentNullException.ThrowIfNull(options);
        _outbox = outbox;
        _subscriptions = subscriptions;
        _messengers = [];
        foreach (var messenger in messengers)
        {
            // The last registration for a platform wins, as with DI's single-service resolution.
            _messengers[messenger.Platform] = messenger;
        }

        _signal = signal;
        _optionsSource = options;
        _database = database;
        _time = time;
        _logger = logger;
    }

    private DeliveryOptions Settings => _optionsSource.Value;

    /// <summary>This worker's name in the outbox's <c>claimed_by</c> column.</summary>
    public string WorkerId { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>
    /// Settles rows that a dead worker left half-sent. With SQLite the file lock guarantees that no
    /// other process is alive, so every such row is settled; with PostgreSQL only claims older than
    /// <see cref="DeliveryOptions.StaleClaim"/> (another node may still be sending).
    /// </summary>
    public async Task SettleInterruptedAsync(CancellationToken cancellationToken)
    {
        var before = _database.Provider == StorageProvider.Sqlite ? _time.GetUtcNow() : _time.GetUtcNow() - Settings.StaleClaim;
        var keys = await _outbox.SettleInterruptedAsync(WorkerId, before, cancellationToken);
        foreach (var key in keys)
        {
            LogUncertain(key);
        }
    }

    /// <summary>One round: claims due rows one by one and sends each. Returns how many rows this worker handled.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var rows = await _outbox.DueAsync(Settings.BatchSize, cancellationToken);
        var handled = 0;
        foreach (var row in rows)
        {
            if (cancellationToken.IsCancellationRequested || !await _outbox.TryClaimAsync(WorkerId, row, cancellationToken))
            {
                continue;
            }

            // Once claimed, a row's outcome is recorded even during shutdown: never leave it half done.
            var result = await SendAsync(row, cancellationToken);
            await RecordAsync(row, result, CancellationToken.None);
            handled++;
        }

        return handled;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await SettleInterruptedAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRoundFailed(ex);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SettleInterruptedAsync(stoppingToken);
                while (await RunOnceAsync(stoppingToken) >= Settings.BatchSize)
                {
                    // A full batch: there may be more.
                }

                await _signal.WaitAsync(Settings.PollInterval, _time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogRoundFailed(ex);
                await WaitAfterErrorAsync(stoppingToken);
            }
        }
    }

    private async Task WaitAfterErrorAsync(CancellationToken stoppingToken)
    {
        try
        {
            // A poke (new rows) also ends the pause.
            await _signal.WaitAsync(Settings.PollInterval, _time, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
    }

    private async Task<DeliveryResult> SendAsync(OutboxRow row, CancellationToken cancellationToken)
    {
        if (!_messengers.TryGetValue(row.Chat.Platform, out var messenger))
        {
            return new DeliveryResult(DeliveryOutcome.Failed, $"no messenger for platform {row.Chat.Platform}");
        }

        try
        {
            return await messenger.SendAsync(row.Chat, row.Message.ToReply(), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Messengers report platform errors as results; an exception is a bug or an unknown
            // state. Not resending keeps the at-most-once promise.
            LogSendThrew(ex, row.Key);
            return new DeliveryResult(DeliveryOutcome.Failed, $"messenger error: {ex.GetType().Name}: {ex.Message}");
        }
    }

    private async Task RecordAsync(OutboxRow row, DeliveryResult result, CancellationToken cancellationToken)
    {
        switch (result.Outcome)
        {
            case DeliveryOutcome.Sent:
                await _outbox.MarkSentAsync(row.Key, cancellationToken);
                LogSent(row.Key, row.Chat);
                break;
            case DeliveryOutcome.Retry when row.Attempts < Settings.MaxAttempts:
                var backoff = TimeSpan.FromTicks(Math.Min(Settings.MaxBackoff.Ticks, Settings.InitialBackoff.Ticks * (1L << Math.Min(row.Attempts - 1, 30))));
                if (result.RetryAfter is { } asked && asked > backoff)
                {
                    backoff = asked;
                }

                await _outbox.MarkRetryAsync(row.Key, _time.GetUtcNow() + backoff, result.Reason, cancellationToken);
                LogRetry(row.Key, row.Attempts, backoff, result.Reason);
                break;
            case DeliveryOutcome.Gone:
                await _outbox.MarkFailedAsync(row.Key, result.Reason ?? "chat gone", cancellationToken);
                await _subscriptions.PauseAsync(row.Chat, result.Reason ?? "chat gone", cancellationToken);
                LogGone(row.Chat, result.Reason);
                break;
            default:
                await _outbox.MarkFailedAsync(row.Key, result.Reason ?? result.Outcome.ToString(), cancellationToken);
                LogFailed(row.Key, row.Attempts, result.Reason);
                break;
        }
    }

    [LoggerMessage(EventId = 5201, Level = LogLevel.Information, Message = "Delivered {Key} to {Chat}")]
    private partial void LogSent(string key, ChatAddress chat);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Warning, Message = "Delivery of {Key} failed (attempt {Attempt}); retrying in {Delay}: {Reason}")]
    private partial void LogRetry(string key, int attempt, TimeSpan delay, string? reason);

    [LoggerMessage(EventId = 5203, Level = LogLevel.Error, Message = "Delivery of {Key} failed for good after {Attempts} attempts: {Reason}")]
    private partial void LogFailed(string key, int attempts, string? reason);

    [LoggerMessage(EventId = 5204, Level = LogLevel.Warning, Message = "Chat {Chat} is gone ({Reason}); its subscription is paused")]
    private partial void LogGone(ChatAddress chat, string? reason);

    [LoggerMessage(EventId = 5205, Level = LogLevel.Warning, Message = "Outbox row {Key} was being sent when its process stopped; marked uncertain and not resent")]
    private partial void LogUncertain(string key);

    [LoggerMessage(EventId = 5206, Level = LogLevel.Error, Message = "A delivery round failed; trying again after the poll interval")]
    private partial void LogRoundFailed(Exception exception);

    [LoggerMessage(EventId = 5207, Level = LogLevel.Error, Message = "The messenger threw while sending {Key}")]
    private partial void LogSendThrew(Exception exception, string key);
}
