using Quartz;

namespace Bot.Core.Scheduling;

/// <summary>
/// Fired by a reminder trigger (<c>{event}|{slot}</c>). Writes one outbox row per subscribed chat for
/// the event's current slot — the most recent due one, so several triggers that fire together after
/// downtime collapse into one post — and wakes the delivery worker. Running twice (misfire, retry,
/// recovery on another node) is harmless: the row keys are unique.
/// </summary>
internal sealed class ReminderJob : IJob
{
    /// <summary>The job's key; every reminder trigger points at it.</summary>
    public static readonly JobKey Key = new("reminder", "bot");

    private readonly ReminderPoster _poster;

    public ReminderJob(ReminderPoster poster) => _poster = poster;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = context.Trigger.Key.Name;
        var bar = name.IndexOf('|', StringComparison.Ordinal);
        var eventId = bar > 0 ? name[..bar] : name;
        await _poster.PostAsync(eventId, cancellationToken);
    }
}
