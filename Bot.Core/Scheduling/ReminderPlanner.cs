using System.Globalization;
using Bot.Core.Events;

namespace Bot.Core.Scheduling;

/// <summary>
/// Computes when an event's reminders fire. Whole days are counted on the wall clock of the event's
/// own zone (a reminder "1 day before" a 12:00 event fires at 12:00 local the day before, even
/// across a DST change, so 23 or 25 real hours before); hours and minutes are real elapsed time
/// ("1 hour before" is 60 minutes before). A wall-clock time that falls in a DST gap moves forward.
/// </summary>
internal static class ReminderPlanner
{
    /// <summary>Every slot of the event, earliest first (past ones included).</summary>
    public static IReadOnlyList<ReminderSlot> Plan(BotEvent e, IReadOnlyList<TimeSpan> defaultOffsets, int countdownDays, TimeOnly countdownTime)
    {
        ArgumentNullException.ThrowIfNull(e);
        var start = e.StartUtc;
        var slots = new List<ReminderSlot>();
        foreach (var offset in e.Offsets ?? defaultOffsets)
        {
            slots.Add(new ReminderSlot(e.Id, "offset-" + ReminderOffset.Format(offset), FireTime(e, offset)));
        }

        for (var days = 1; days <= countdownDays; days++)
        {
            var local = e.StartLocal.Date.AddDays(-days) + countdownTime.ToTimeSpan();
            var fire = ZoneTime.ToUtc(local, e.Zone);
            if (fire < start)
            {
                slots.Add(new ReminderSlot(e.Id, "countdown-" + days.ToString(CultureInfo.InvariantCulture), fire));
            }
        }

        return [.. slots.OrderBy(s => s.FireUtc).ThenBy(s => s.Slot, StringComparer.Ordinal)];
    }

    /// <summary>The fire time of one offset: days on the local wall clock, the rest in elapsed time.</summary>
    public static DateTimeOffset FireTime(BotEvent e, TimeSpan offset)
    {
        ArgumentNullException.ThrowIfNull(e);
        var days = offset.Days;
        var rest = offset - TimeSpan.FromDays(days);
        var localDay = ZoneTime.ToUtc(e.StartLocal.AddDays(-days), e.Zone);
        return localDay - rest;
    }

    /// <summary>
    /// The slot to post when <paramref name="now"/> has come: the most recent due slot, or null when
    /// none is due or the event already began. Several missed slots (the bot was down) collapse into
    /// this one, so subscribers get one post, not a burst.
    /// </summary>
    public static ReminderSlot? Current(IReadOnlyList<ReminderSlot> plan, BotEvent e, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(e);
        if (now >= e.StartUtc)
        {
            return null;
        }

        return plan.Where(s => s.FireUtc <= now).OrderBy(s => s.FireUtc).ThenBy(s => s.Slot, StringComparer.Ordinal).LastOrDefault();
    }
}
