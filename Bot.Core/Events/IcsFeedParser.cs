using System.Text;
using Bot.Core.Kernel;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;

namespace Bot.Core.Events;

/// <summary>
/// Reads an iCalendar feed into catalog events. The event id comes from the UID (so a later fetch
/// replaces the same event), the zone from DTSTART's TZID (UTC when the time is UTC or floating),
/// and cancelled events (STATUS:CANCELLED) are left out, which removes them from the catalog. A
/// repeating event (RRULE) keeps its EXDATEs and its changed occurrences (the VEVENTs with the same
/// UID and a RECURRENCE-ID: moved, or cancelled); <see cref="RecurrenceExpander"/> expands it.
/// </summary>
internal static class IcsFeedParser
{
    /// <summary>Parses feed text; throws <see cref="FormatException"/> when it is not iCalendar at all.</summary>
    public static CatalogLoadResult Parse(string ics, string source, EventKind kind)
    {
        Ical.Net.Calendar? calendar;
        try
        {
            calendar = Ical.Net.Calendar.Load(ics);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new FormatException($"{source}: not an iCalendar feed: {ex.Message}", ex);
        }

        if (calendar is null)
        {
            throw new FormatException($"{source}: not an iCalendar feed");
        }

        var events = new List<BotEvent>();
        var problems = new List<CatalogProblem>();
        foreach (var group in calendar.Events.GroupBy(e => e.Uid ?? string.Empty, StringComparer.Ordinal))
        {
            var master = group.FirstOrDefault(e => e.RecurrenceIdentifier is null);
            if (master is null)
            {
                // Only changed occurrences of a series the feed does not carry: nothing to attach them to.
                continue;
            }

            if (string.Equals(master.Status, "CANCELLED", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var parsed = ToEvent(master, kind, out var problem);
            if (parsed is null)
            {
                problems.Add(new CatalogProblem(source, 0, problem ?? "event skipped"));
                continue;
            }

            if (master.RecurrenceRule is { } rule)
            {
                var recurrence = Recurrence(rule.ToString() ?? string.Empty, master, group.Where(e => e.RecurrenceIdentifier is not null), parsed, kind, out problem);
                if (recurrence is null)
                {
                    problems.Add(new CatalogProblem(source, 0, $"event {master.Uid} skipped: {problem}"));
                    continue;
                }

                parsed = parsed with { Recurrence = recurrence };
            }

            events.Add(parsed with { Source = source });
        }

        return new CatalogLoadResult(events, problems);
    }

    /// <summary>The repeat rule, its EXDATEs and its moved or cancelled occurrences, in the series' zone.</summary>
    private static EventRecurrence? Recurrence(string rule, CalendarEvent master, IEnumerable<CalendarEvent> changes, BotEvent series, EventKind kind, out string? problem)
    {
        problem = null;
        if (RepeatRule.TryParse(rule, out var why) is null)
        {
            problem = "RRULE " + why;
            return null;
        }

        var except = new List<DateTime>();
        var days = new List<DateOnly>();
        foreach (var date in master.ExceptionDates.GetAllDates())
        {
            if (!date.HasTime)
            {
                days.Add(date.Date);
            }
            else if (WallIn(date, series.Zone) is { } wall)
            {
                except.Add(wall);
            }
        }

        var overrides = new List<OccurrenceOverride>();
        foreach (var change in changes)
        {
            if (WallIn(change.RecurrenceIdentifier!.StartTime, series.Zone) is not { } original)
            {
                continue;
            }

            var originalUtc = ZoneTime.ToUtc(original, series.Zone);
            if (string.Equals(change.Status, "CANCELLED", StringComparison.OrdinalIgnoreCase))
            {
                overrides.Add(new OccurrenceOverride(originalUtc, null));
            }
            else if (ToEvent(change, kind, out _) is { } moved)
            {
                overrides.Add(new OccurrenceOverride(originalUtc, moved with { Source = series.Source }));
            }
        }

        return new EventRecurrence(rule, except, days, overrides);
    }

    /// <summary>A feed time as the wall clock of <paramref name="zone"/>; null when its own zone is unknown.</summary>
    private static DateTime? WallIn(CalDateTime value, TimeZoneInfo zone)
    {
        var wall = DateTime.SpecifyKind(value.Value, DateTimeKind.Unspecified);
        if (value.IsUtc)
        {
            return TimeZoneInfo.ConvertTime(new DateTimeOffset(wall, TimeSpan.Zero), zone).DateTime;
        }

        if (string.IsNullOrEmpty(value.TzId) || string.Equals(value.TzId, zone.Id, StringComparison.OrdinalIgnoreCase))
        {
            return wall;
        }

        return ZoneTime.TryFind(value.TzId, out var own) ? TimeZoneInfo.ConvertTime(ZoneTime.ToUtc(wall, own), zone).DateTime : null;
    }

    /// <summary>A catalog id from a feed UID: <c>feed-</c> and the UID's letters and digits.</summary>
    public static string IdFromUid(string uid)
    {
        var builder = new StringBuilder("feed-");
        foreach (var c in uid.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            {
                builder.Append(c);
            }
            else if (builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        return builder.ToString().TrimEnd('-');
    }

    private static BotEvent? ToEvent(CalendarEvent item, EventKind kind, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(item.Uid))
        {
            problem = $"event '{item.Summary}' has no UID";
            return null;
        }

        if (item.DtStart is not { } start)
        {
            problem = $"event {item.Uid} has no DTSTART";
            return null;
        }

        var zone = TimeZoneInfo.Utc;
        if (!string.IsNullOrEmpty(start.TzId) && !start.IsUtc && !ZoneTime.TryFind(start.TzId, out zone))
        {
            problem = $"event {item.Uid} has an unknown time zone '{start.TzId}'";
            return null;
        }

        var startLocal = Local(start, zone);
        DateTime endLocal;
        if (item.DtEnd is { } end)
        {
            endLocal = Local(end, zone);
        }
        else
        {
            endLocal = start.HasTime ? startLocal.AddHours(1) : startLocal.AddDays(1).AddMinutes(-1);
        }

        var title = string.IsNullOrWhiteSpace(item.Summary) ? item.Uid : item.Summary.Trim();
        return new BotEvent(IdFromUid(item.Uid), kind, new LocalizedText(title, title), startLocal, endLocal < startLocal ? startLocal : endLocal, zone,
            item.Location?.Trim() ?? string.Empty, item.Url is { IsAbsoluteUri: true } url && url.Scheme is "http" or "https" ? item.Url : null, null);
    }

    private static DateTime Local(CalDateTime value, TimeZoneInfo zone)
    {
        var wall = DateTime.SpecifyKind(value.Value, DateTimeKind.Unspecified);
        if (value.IsUtc)
        {
            return TimeZoneInfo.ConvertTime(new DateTimeOffset(wall, TimeSpan.Zero), zone).DateTime;
        }

        return wall;
    }
}
