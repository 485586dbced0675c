using Bot.Core.Events;

namespace Bot.Core.Scheduling;

/// <summary>
/// The moments a live countdown changes: once a day (at the event's time of day) until its last day, then every
/// hour, then "now" at the start and "took place" at the end; an hour after the end it moves to the next event.
/// </summary>
internal static class CountdownSchedule
{
    /// <summary>How long "took place" stays before the countdown moves to the next event.</summary>
    public static readonly TimeSpan Linger = TimeSpan.FromHours(1);

    /// <summary>The event the countdown shows at <paramref name="now"/> and the latest moment it changed; null when there is no event at all.</summary>
    public static (BotEvent Event, DateTimeOffset Tick)? At(DateTimeOffset now, IEnumerable<BotEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var all = events.ToList();
        var current = all.Where(e => e.EndUtc + Linger > now).OrderBy(e => e.StartUtc).ThenBy(e => e.Id, StringComparer.Ordinal).FirstOrDefault();
        if (current is null)
        {
            var last = all.Where(e => e.EndUtc <= now).MaxBy(e => e.EndUtc);
            return last is null ? null : (last, last.EndUtc);
        }

        if (now >= current.EndUtc)
        {
            return (current, current.EndUtc);
        }

        if (now >= current.StartUtc)
        {
            return (current, current.StartUtc);
        }

        var left = current.StartUtc - now;
        var step = left > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : TimeSpan.FromHours(1);
        var steps = (long)Math.Ceiling(left / step);
        return (current, current.StartUtc - (step * steps));
    }
}
