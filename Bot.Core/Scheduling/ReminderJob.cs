using Bot.Core.Diagnostics;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Bot.Core.Scheduling;

/// <summary>
/// Fired by a reminder trigger (<c>{event}|{slot}</c>). Writes one outbox row per subscribed chat for
/// the event's current slot — the most recent due one, so several triggers that fire together after
/// downtime collapse into one post — and wakes the delivery worker. Running twice (misfire, retry,
/// recovery on another node) is harmless: the row keys are unique. The job requests recovery, so a
/// run that a crash interrupted (the process died before Quartz recorded the job complete) runs
/// again at the next start, or at once on another node of a cluster. When writing fails (database
/// busy or down) a retry trigger <c>{event}|retry</c> fires again after <see cref="RetryDelay"/>,
/// because the one-shot trigger that fired is gone.
/// </summary>
internal sealed partial class ReminderJob : IJob
{
    /// <summary>The job's key; every reminder trigger points at it.</summary>
    public static readonly JobKey Key = new("reminder", "bot");

    /// <summary>The trigger name suffix of a retry.</summary>
    public const string RetrySlot = "retry";

    /// <summary>How long a failed run waits before it tries again.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(30);

    private readonly ReminderPoster _poster;
    private readonly ILogger<ReminderJob> _logger;

    public ReminderJob(ReminderPoster poster, ILogger<ReminderJob> logger)
    {
        _poster = poster;
        _logger = logger;
    }

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        FaultPoint.Reach(FaultPoint.ReminderFired);
        // A recovered run fires on a recovery trigger; the original trigger names the event.
        var name = context.Recovering && context.RecoveringTriggerKey is { } original ? original.Name : context.Trigger.Key.Name;
        var bar = name.IndexOf('|', StringComparison.Ordinal);
        var eventId = bar > 0 ? name[..bar] : name;
        try
        {
            await _poster.PostAsync(eventId, cancellationToken);
            FaultPoint.Reach(FaultPoint.ReminderQueued);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogRetrying(ex, eventId, RetryDelay);
            var retry = TriggerBuilder.Create(context.Scheduler.TimeProvider)
                .WithIdentity($"{eventId}|{RetrySlot}", ReminderScheduleSync.Group)
                .ForJob(Key)
                .StartAt(context.Scheduler.TimeProvider.GetUtcNow() + RetryDelay)
                .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
                .Build();
            await context.Scheduler.ScheduleTrigger(retry, TriggerConflict.Replace, CancellationToken.None);
        }
    }

    [LoggerMessage(EventId = 5304, Level = LogLevel.Error, Message = "Queueing the reminder of {EventId} failed; trying again in {Delay}")]
    private partial void LogRetrying(Exception exception, string eventId, TimeSpan delay);
}
