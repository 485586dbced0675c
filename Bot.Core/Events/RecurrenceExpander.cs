using System.Globalization;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Evaluation;

namespace Bot.Core.Events;

/// <summary>
/// Turns a repeating event into its occurrences with Ical.Net, in the event's own time zone (a weekly
/// 19:00 meetup stays at 19:00 local across a DST change). Each occurrence gets the id
/// <c>{series}@{yyyyMMddTHHmm}</c> of its original start in UTC, so an occurrence a feed moves
/// (<c>RECURRENCE-ID</c>) keeps its id and its reminders move with it. Only the occurrences inside
/// the <see cref="RecurrenceWindow"/> are produced.
/// </summary>
internal static class RecurrenceExpander
{
    /// <summary>Increments of a rule that match nothing before the expansion gives up (a rule such as 30 February).</summary>
    private const int UnmatchedLimit = 2000;

    /// <summary>
    /// The occurrences of <paramref name="series"/> around <paramref name="now"/>, soonest first; a
    /// single event is returned as it is. Null <paramref name="problem"/> unless the rule cannot be expanded.
    /// </summary>
    public static IReadOnlyList<BotEvent> Expand(BotEvent series, DateTimeOffset now, RecurrenceWindow window, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(window);
        problem = null;
        if (series.Recurrence is not { } recurrence)
        {
            return [series];
        }

        var rule = RepeatRule.TryParse(recurrence.Rule, out var why);
        if (rule is null)
        {
            problem = why;
            return [];
        }

        var zone = series.Zone;
        var master = new CalendarEvent
        {
            DtStart = new CalDateTime(DateTime.SpecifyKind(series.StartLocal, DateTimeKind.Unspecified), zone.Id == TimeZoneInfo.Utc.Id ? "UTC" : zone.Id),
            RecurrenceRule = rule,
        };
        var duration = series.EndLocal - series.StartLocal;
        var until = now + window.Horizon;
        var except = recurrence.Except.ToHashSet();
        var exceptDates = recurrence.ExceptDates.ToHashSet();
        var overrides = new Dictionary<DateTimeOffset, OccurrenceOverride>();
        foreach (var o in recurrence.Overrides)
        {
            overrides[o.OriginalStartUtc] = o;
        }

        var past = new Queue<BotEvent>();
        var upcoming = new List<BotEvent>();
        try
        {
            var from = new CalDateTime((now - window.LookBack).UtcDateTime, "UTC");
            foreach (var occurrence in master.GetOccurrences(from, new EvaluationOptions { MaxUnmatchedIncrementsLimit = UnmatchedLimit }))
            {
                var originalLocal = DateTime.SpecifyKind(occurrence.Period.StartTime.Value, DateTimeKind.Unspecified);
                var originalUtc = ZoneTime.ToUtc(originalLocal, zone);
                if (originalUtc > until || upcoming.Count >= window.MaxUpcoming)
                {
                    break;
                }

                if (except.Contains(originalLocal) || exceptDates.Contains(DateOnly.FromDateTime(originalLocal)))
                {
                    continue;
                }

                var id = series.Id + "@" + originalUtc.UtcDateTime.ToString("yyyyMMdd'T'HHmm", CultureInfo.InvariantCulture);
                BotEvent item;
                if (overrides.TryGetValue(originalUtc, out var changed))
                {
                    if (changed.Replacement is not { } replacement)
                    {
                        continue;
                    }

                    // A feed's changed occurrence often carries only what changed: the rest is the series'.
                    item = replacement with
                    {
                        Id = id,
                        SeriesId = series.Id,
                        Recurrence = null,
                        Offsets = replacement.Offsets ?? series.Offsets,
                        Link = replacement.Link ?? series.Link,
                        Location = string.IsNullOrWhiteSpace(replacement.Location) ? series.Location : replacement.Location,
                    };
                }
                else
                {
                    item = series with { Id = id, SeriesId = series.Id, Recurrence = null, StartLocal = originalLocal, EndLocal = originalLocal + duration };
                }

                if (item.EndUtc <= now)
                {
                    past.Enqueue(item);
                    if (past.Count > window.MaxPast)
                    {
                        past.Dequeue();
                    }
                }
                else
                {
                    upcoming.Add(item);
                }
            }
        }
        catch (EvaluationLimitExceededException)
        {
            problem = $"'{recurrence.Rule}' gives no dates (it never matches)";
            return [];
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or OverflowException)
        {
            problem = $"'{recurrence.Rule}' could not be expanded: {ex.Message}";
            return [];
        }

        return [.. past, .. upcoming];
    }
}
