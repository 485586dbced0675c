using System.Data.Common;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bot.Core.Commands;
using Bot.Core.Delivery;
using Bot.Core.Diagnostics;
using Bot.Core.Kernel;
using Bot.Telegram.Api;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Bot.Telegram;

/// <summary>
/// Starts the Telegram side: checks the token with <c>getMe</c> (a wrong token stops start-up),
/// removes a stale webhook (polling) or sets the webhook, registers the commands with
/// <c>setMyCommands</c>, then long-polls <c>getUpdates</c> in a loop that survives failures (a token
/// revoked while running is reported once and tried again every minute).
/// </summary>
internal sealed partial class TelegramBotService : BackgroundService, IHostedLifecycleService
{
    /// <summary>The update types the bot handles.</summary>
    public static readonly IReadOnlyList<UpdateType> AllowedUpdates = [UpdateType.Message, UpdateType.CallbackQuery, UpdateType.InlineQuery, UpdateType.ChannelPost, UpdateType.MyChatMember];

    /// <summary>How often a node that does not lead asks whether it may poll now (the leader may have died).</summary>
    private static readonly TimeSpan FollowerRecheck = TimeSpan.FromSeconds(5);

    /// <summary>How many handed-over updates the leader takes at once.</summary>
    private const int HandOverBatch = 100;

    private readonly TelegramApi _api;
    private readonly TelegramOptions _options;
    private readonly TelegramBotIdentity _identity;
    private readonly TelegramUpdateDispatcher _dispatcher;
    private readonly TelegramWebhookEndpoint _webhook;
    private readonly CommandRegistry _registry;
    private readonly TimeProvider _time;
    private readonly ILogger<TelegramBotService> _logger;
    private readonly PlatformLeadership? _leadership;
    private readonly LeaderInbox? _inbox;
    private readonly BotHealth _health;
    private Task? _connecting;

    public TelegramBotService(
        TelegramApi api,
        IOptions<TelegramOptions> options,
        TelegramBotIdentity identity,
        TelegramUpdateDispatcher dispatcher,
        TelegramWebhookEndpoint webhook,
        CommandRegistry registry,
        TimeProvider time,
        ILogger<TelegramBotService> logger,
        PlatformLeadership? leadership = null,
        LeaderInbox? inbox = null,
        BotHealth? health = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _api = api;
        _options = options.Value;
        _identity = identity;
        _dispatcher = dispatcher;
        _webhook = webhook;
        _registry = registry;
        _time = time;
        _logger = logger;
        _leadership = leadership;
        _inbox = inbox;
        _health = health ?? new BotHealth(time);
    }

    /// <summary>
    /// The token check and the webhook call go out before any service starts, beside the database's migration and
    /// the scheduler's start; <see cref="StartAsync"/>, in its turn, waits for them and so still stops the start on a failure.
    /// </summary>
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        _connecting = ConnectAsync(cancellationToken);
        return Task.CompletedTask;
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await (_connecting ?? ConnectAsync(cancellationToken)).ConfigureAwait(false);
        LogStarted(_identity.Username ?? "?", _options.Mode);
        _health.RecordPlatform("Telegram", connected: true);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        if (_options.Mode == TelegramMode.Webhook && !_webhook.IsMapped)
        {
            const string Message = "Telegram:Mode is Webhook but this host does not serve the webhook endpoint (MapTelegramWebhook); set Telegram:Mode to Polling or run the web host.";
            throw new TelegramStartupException(Message);
        }

        await CheckTokenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_options.Mode == TelegramMode.Webhook)
            {
                var url = _options.WebhookUrl!.AbsoluteUri;
                await _api.CallAsync(
                    "setWebhook",
                    (client, ct) => client.SetWebhook(url, allowedUpdates: AllowedUpdates, secretToken: _options.WebhookSecret, cancellationToken: ct),
                    cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // Polling gets nothing while a webhook is set (409 Conflict).
                await _api.CallAsync("deleteWebhook", (client, ct) => client.DeleteWebhook(cancellationToken: ct), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (ApiRequestException ex) when (!cancellationToken.IsCancellationRequested)
        {
            var setting = _options.Mode == TelegramMode.Webhook ? "check Telegram:WebhookUrl" : "check Telegram:ApiBaseUrl";
            throw new TelegramStartupException($"Telegram refused to {(_options.Mode == TelegramMode.Webhook ? "set" : "remove")} the webhook ({ex.ErrorCode}: {ex.Message}); {setting}.");
        }
    }

    /// <summary>The commands as Telegram wants them: lower-case names, one description per language.</summary>
    internal static IReadOnlyList<BotCommand> CommandsFor(IEnumerable<CommandDescriptor> descriptors, UiLanguage language) =>
        descriptors
            .Where(d => d.Audience != CommandAudience.Moderators && CommandName().IsMatch(d.NameFor(language)))
            .Take(100)
            .Select(d => new BotCommand(d.NameFor(language), Limit(d.Description.For(language), 256)))
            .ToArray();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The command menu is a convenience: its six calls (each retried on a 429) must not hold up the first answer.
        var menu = RegisterCommandsAsync(stoppingToken);
        try
        {
            await ReceiveAsync(stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            await menu.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task ReceiveAsync(CancellationToken stoppingToken)
    {
        if (_options.Mode == TelegramMode.Webhook)
        {
            if (_leadership is not null && _inbox is { IsShared: true })
            {
                await AnswerHandedOverAsync(_leadership, _inbox, stoppingToken).ConfigureAwait(false);
            }

            return;
        }

        var request = new GetRawUpdatesRequest
        {
            Timeout = (int)_options.PollTimeout.TotalSeconds,
            AllowedUpdates = AllowedUpdates.Select(ToApiName).ToArray(),
        };
        using var lanes = new TelegramChatLanes(_dispatcher.DispatchAsync, _options.MaxConcurrentChats, _logger);
        try
        {
            await PollAsync(request, lanes, stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            await lanes.DrainAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Webhook mode on several nodes: the leader answers the updates the others received.</summary>
    private async Task AnswerHandedOverAsync(PlatformLeadership leadership, LeaderInbox inbox, CancellationToken stoppingToken)
    {
        using var lanes = new TelegramChatLanes(_dispatcher.DispatchAsync, _options.MaxConcurrentChats, _logger);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (!await leadership.HoldAsync(stoppingToken).ConfigureAwait(false))
                    {
                        await Task.Delay(FollowerRecheck, _time, stoppingToken).ConfigureAwait(false);
                        continue;
                    }

                    var updates = await inbox.TakeAsync(TelegramPlatform.Id, HandOverBatch, stoppingToken).ConfigureAwait(false);
                    foreach (var text in updates)
                    {
                        using var update = JsonDocument.Parse(text);
                        await QueueAsync(update.RootElement, lanes, stoppingToken).ConfigureAwait(false);
                    }

                    if (updates.Count < HandOverBatch)
                    {
                        await inbox.WaitAsync(stoppingToken).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (DbException ex)
                {
                    LogHandOverUnreadable(ex, FollowerRecheck.TotalSeconds);
                    await Task.Delay(FollowerRecheck, _time, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            await lanes.DrainAsync().ConfigureAwait(false);
        }
    }

    private async Task QueueAsync(JsonElement json, TelegramChatLanes lanes, CancellationToken stoppingToken)
    {
        if (_dispatcher.Read(json) is { } update)
        {
            await lanes.EnqueueAsync(ChatKey(update), update, stoppingToken).ConfigureAwait(false);
        }
        else
        {
            await _dispatcher.AnswerUnreadableAsync(json, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task PollAsync(GetRawUpdatesRequest request, TelegramChatLanes lanes, CancellationToken stoppingToken)
    {
        var refused = false;
        var leading = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Only the node that sends reminders polls (Telegram serves one poller), so all answers leave from it too.
                // A host without storage (the adapter alone) is the only node.
                if (_leadership is not null && !await _leadership.HoldAsync(stoppingToken).ConfigureAwait(false))
                {
                    if (leading)
                    {
                        LogFollowing(FollowerRecheck.TotalSeconds);
                        leading = false;
                    }

                    await Task.Delay(FollowerRecheck, _time, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                if (!leading)
                {
                    LogLeading();
                    leading = true;
                }

                // Passing failures are retried inside the call; what comes out here lasts, or outlasted the attempts.
                var updates = await _api.CallAsync("getUpdates", (client, ct) => client.SendRequest(request, ct), stoppingToken).ConfigureAwait(false);
                refused = false;
                _health.RecordPlatform("Telegram", connected: true);
                foreach (var json in updates)
                {
                    var id = TelegramUpdateDispatcher.UpdateId(json);
                    if (id >= 0)
                    {
                        request.Offset = (int)Math.Max(request.Offset ?? 0, id + 1);
                    }
                }

                // Queued, not awaited: the next getUpdates goes out at once, whatever one chat is waiting for.
                foreach (var json in updates)
                {
                    await QueueAsync(json, lanes, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                var error = TelegramErrors.Classify(ex);
                var delay = error.RetryAfter ?? PlatformRetry.MaxDelay;
                _health.RecordPlatform("Telegram", connected: false, $"getUpdates failed: {error.Outcome}");
                if (error.Outcome == DeliveryOutcome.Unauthorized)
                {
                    delay = PlatformRetry.UnauthorizedPause;
                    if (!refused)
                    {
                        refused = true;
                        LogTokenRefused(error.Reason, delay.TotalSeconds);
                    }
                }
                else
                {
                    LogPollFailed(error.Reason, delay.TotalSeconds);
                }

                try
                {
                    await Task.Delay(delay, _time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }

    private static long ChatKey(Update update) =>
        update.Message?.Chat.Id
        ?? update.ChannelPost?.Chat.Id
        ?? update.MyChatMember?.Chat.Id
        ?? update.CallbackQuery?.Message?.Chat.Id
        ?? update.CallbackQuery?.From.Id
        ?? update.InlineQuery?.From.Id
        ?? 0;

    private async Task CheckTokenAsync(CancellationToken cancellationToken)
    {
        try
        {
            var me = await _api.CallAsync("getMe", (client, ct) => client.GetMe(ct), cancellationToken).ConfigureAwait(false);
            _identity.Username = me.Username;
            _identity.Id = me.Id;
        }
        catch (RequestException ex) when (TelegramErrors.Classify(ex).Outcome == DeliveryOutcome.Unauthorized)
        {
            const string Message = "Telegram rejected the bot token (401 Unauthorized): check Telegram:Token / the environment variable Telegram__Token (get the token from @BotFather).";
            throw new TelegramStartupException(Message);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not TelegramStartupException)
        {
            var message = $"Telegram could not be reached to check the bot token ({ex.GetType().Name}, {TelegramErrors.ErrorCode(ex)}): check Telegram:ApiBaseUrl and the network.";
            throw new TelegramStartupException(message);
        }
    }

    private async Task RegisterCommandsAsync(CancellationToken cancellationToken)
    {
        var scopes = new BotCommandScope[] { BotCommandScope.AllPrivateChats(), BotCommandScope.AllGroupChats() };
        var languages = new (UiLanguage Language, string? Code)[] { (UiLanguage.Nl, null), (UiLanguage.Nl, "nl"), (UiLanguage.En, "en") };
        foreach (var scope in scopes)
        {
            foreach (var (language, code) in languages)
            {
                var commands = CommandsFor(_registry.Descriptors, language);
                try
                {
                    await _api.CallAsync("setMyCommands", (client, ct) => client.SetMyCommands(commands, scope, code, ct), cancellationToken, maxAttempts: 3).ConfigureAwait(false);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    // The menu is a convenience; the bot answers commands without it.
                    LogCommandsFailed(scope.Type.ToString(), code ?? "default", TelegramErrors.ErrorCode(ex));
                }
            }
        }
    }

    private static string ToApiName(UpdateType type) => type switch
    {
        UpdateType.Message => "message",
        UpdateType.CallbackQuery => "callback_query",
        UpdateType.InlineQuery => "inline_query",
        UpdateType.ChannelPost => "channel_post",
        UpdateType.MyChatMember => "my_chat_member",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not an update type the bot asks for."),
    };

    private static string Limit(string text, int length) => text.Length > length ? text[..(length - 1)] + "…" : text;

    [GeneratedRegex("^[a-z0-9_]{1,32}$")]
    private static partial Regex CommandName();

    [LoggerMessage(EventId = 3406, Level = LogLevel.Information, Message = "Another node polls Telegram and sends; this one stands by and asks again every {Seconds} s")]
    private partial void LogFollowing(double seconds);

    [LoggerMessage(EventId = 3407, Level = LogLevel.Information, Message = "This node polls Telegram now")]
    private partial void LogLeading();

    [LoggerMessage(EventId = 3408, Level = LogLevel.Warning, Message = "Could not read the Telegram updates other nodes handed over; trying again in {Seconds} s")]
    private partial void LogHandOverUnreadable(Exception exception, double seconds);

    [LoggerMessage(EventId = 3401, Level = LogLevel.Information, Message = "Telegram bot @{Username} started in {Mode} mode")]
    private partial void LogStarted(string username, TelegramMode mode);

    [LoggerMessage(EventId = 3403, Level = LogLevel.Warning, Message = "Telegram getUpdates failed ({Reason}); polling again in {DelaySeconds:0.0} s")]
    private partial void LogPollFailed(string? reason, double delaySeconds);

    [LoggerMessage(EventId = 3405, Level = LogLevel.Error, Message = "Telegram refused the bot token ({Reason}): check Telegram:Token / Telegram__Token. Polling again every {DelaySeconds:0} s")]
    private partial void LogTokenRefused(string? reason, double delaySeconds);

    [LoggerMessage(EventId = 3404, Level = LogLevel.Warning, Message = "Telegram setMyCommands for {Scope}/{Language} failed ({ErrorCode}); the command menu may be stale")]
    private partial void LogCommandsFailed(string scope, string language, int errorCode);
}
