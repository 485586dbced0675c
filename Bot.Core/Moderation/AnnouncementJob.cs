using Bot.Core.Delivery;
using Bot.Core.Diagnostics;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Bot.Core.Moderation;

/// <summary>
/// Fired by an announcement's one-shot trigger (<c>announcement-{id}</c>): queues the announcement for the
/// channels subscribed at this moment (<see cref="AnnouncementStore.ReleaseAsync"/>) and wakes the delivery
/// worker. A cancelled announcement queues nothing; a second run queues nothing more (unique row keys). When the
/// database fails, a retry trigger fires again after <see cref="RetryDelay"/>.
/// </summary>
internal sealed partial class AnnouncementJob : IJob
{
    /// <summary>The job's key; every announcement trigger points at it.</summary>
    public static readonly JobKey Key = new("announcement", "bot");

    /// <summary>The trigger data key holding the announcement id.</summary>
    public const string IdKey = "announcementId";

    /// <summary>How long a failed run waits before it tries again.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(30);

    private readonly AnnouncementStore _store;
    private readonly DeliverySignal _signal;
    private readonly ILogger<AnnouncementJob> _logger;

    public AnnouncementJob(AnnouncementStore store, DeliverySignal signal, ILogger<AnnouncementJob> logger)
    {
        _store = store;
        _signal = signal;
        _logger = logger;
    }

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        FaultPoint.Reach(FaultPoint.AnnouncementFired);
        var id = context.MergedJobDataMap.GetLong(IdKey);
        using var activity = BotTelemetry.Source.StartActivity("bot.announcement"); // the parent of each of its sends
        try
        {
            var queued = await _store.ReleaseAsync(id, "scheduler", cancellationToken);
            FaultPoint.Reach(FaultPoint.AnnouncementQueued);
            if (queued is { } count)
            {
                LogReleased(id, count);
                _signal.Poke();
            }
            else
            {
                LogSkipped(id);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogRetrying(ex, id, RetryDelay);
            var retry = TriggerBuilder.Create(context.Scheduler.TimeProvider)
                .WithIdentity(QuartzAnnouncementScheduler.KeyOf(id))
                .ForJob(Key)
                .UsingJobData(IdKey, id)
                .StartAt(context.Scheduler.TimeProvider.GetUtcNow() + RetryDelay)
                .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
                .Build();
            await context.Scheduler.ScheduleTrigger(retry, TriggerConflict.Replace, CancellationToken.None);
        }
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "Scheduled announcement #{Id} released: {Count} posts queued")]
    private partial void LogReleased(long id, int count);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Information, Message = "Scheduled announcement #{Id} is no longer confirmed; nothing queued")]
    private partial void LogSkipped(long id);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Error, Message = "Queueing scheduled announcement #{Id} failed; trying again in {Delay}")]
    private partial void LogRetrying(Exception exception, long id, TimeSpan delay);
}
