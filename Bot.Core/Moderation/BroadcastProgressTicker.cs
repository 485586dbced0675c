using Bot.Core.Delivery;
using Bot.Core.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Core.Moderation;

/// <summary>
/// Every <see cref="Interval"/>, counts each followed broadcast's rows and queues the moderator's message edited to
/// the new count when it changed, as one outbox row per broadcast queued again (so at most one edit per interval,
/// and a second node doing the same queues the same row). Once nothing is left to send it queues the final count and
/// stops; a message that could no longer be edited (deleted) stops it too. All state is in the database, so a
/// restart loses no final edit.
/// </summary>
internal sealed partial class BroadcastProgressTicker : BackgroundService
{
    /// <summary>How often the broadcasts are counted: the most often a progress message is edited.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly BroadcastProgressStore _progress;
    private readonly OutboxStore _outbox;
    private readonly DeliverySignal _signal;
    private readonly TimeProvider _time;
    private readonly ILogger<BroadcastProgressTicker> _logger;

    public BroadcastProgressTicker(BroadcastProgressStore progress, OutboxStore outbox, DeliverySignal signal, TimeProvider time, ILogger<BroadcastProgressTicker> logger)
    {
        _progress = progress;
        _outbox = outbox;
        _signal = signal;
        _time = time;
        _logger = logger;
    }

    /// <summary>One look at every followed broadcast; returns how many edits were queued.</summary>
    public async Task<int> SyncAsync(CancellationToken cancellationToken)
    {
        var queued = 0;
        foreach (var target in await _progress.ActiveAsync(cancellationToken))
        {
            var edit = await _outbox.PostStateAsync(BroadcastProgressEdit.KeyOf(target.AnnouncementId), cancellationToken);
            if (edit?.Status == OutboxStatus.Failed)
            {
                // The message was deleted (or may no longer be edited): stop editing it.
                await _progress.StopAsync(target.AnnouncementId, cancellationToken);
                LogStopped(target.AnnouncementId);
                continue;
            }

            var progress = await _outbox.ProgressAsync(AnnouncementStore.KeyPrefix(target.AnnouncementId), cancellationToken);
            var text = BroadcastProgressText.For(target.AnnouncementId, progress, target.Language);
            if (text == target.LastText && !progress.IsDone)
            {
                continue;
            }

            if (await _progress.QueueAsync(target, text, progress.IsDone, cancellationToken))
            {
                queued++;
            }
        }

        if (queued > 0)
        {
            _signal.Poke();
        }

        return queued;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicWork.RunAsync(_time, Interval, SyncAsync, LogSyncFailed, stoppingToken);

    [LoggerMessage(EventId = 4802, Level = LogLevel.Error, Message = "Counting the broadcasts' progress failed; trying again in a few seconds")]
    private partial void LogSyncFailed(Exception exception);

    [LoggerMessage(EventId = 4803, Level = LogLevel.Information, Message = "The progress message of announcement {Id} can no longer be edited; it is no longer updated")]
    private partial void LogStopped(long id);
}
