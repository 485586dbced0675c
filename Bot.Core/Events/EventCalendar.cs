using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Bot.Core.Kernel;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Bot.Core.Events;

/// <summary>
/// The catalog as an iCalendar file (RFC 5545) that calendars subscribe to (<c>/events.ics</c>) or
/// import (<c>events ics</c>): one VEVENT per event and per occurrence of a repeating one, with a
/// stable UID (<c>{id}@pauseai-bot</c>), a stored SEQUENCE that goes up on every change, DTSTAMP,
/// and a real VTIMEZONE (standard and daylight rules from the IANA zone) for every TZID used.
/// </summary>
internal sealed class EventCalendar
{
    private readonly EventCatalog _catalog;
    private readonly CalendarSequenceStore _sequences;
    private readonly TimeProvider _time;

    public EventCalendar(EventCatalog catalog, CalendarSequenceStore sequences, TimeProvider time)
    {
        _catalog = catalog;
        _sequences = sequences;
        _time = time;
    }

    /// <summary>The calendar of every event, or of one kind, in one language.</summary>
    public async Task<string> RenderAsync(EventKind? kind, UiLanguage language, CancellationToken cancellationToken)
    {
        var events = _catalog.All.Where(e => kind is null || e.Kind == kind).ToList();
        var revisions = await _sequences.ReviseAsync([.. events.Select(e => (Uid(e), Fingerprint(e)))], cancellationToken);
        return Write(events, revisions, language, kind, _time.GetUtcNow());
    }

    /// <summary>The UID of an event or occurrence: stable as long as its id is.</summary>
    public static string Uid(BotEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Id + "@pauseai-bot";
    }

    /// <summary>The calendar text; an event without a stored revision gets SEQUENCE 0 and DTSTAMP <paramref name="now"/>.</summary>
    public static string Write(IReadOnlyList<BotEvent> events, IReadOnlyDictionary<string, CalendarRevision> revisions, UiLanguage language, EventKind? kind, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(revisions);
        var calendar = new Ical.Net.Calendar { ProductId = "-//PauseAI//Outreach bot//" + (language == UiLanguage.En ? "EN" : "NL"), Method = "PUBLISH" };
        var name = kind switch
        {
            EventKind.Summit => language == UiLanguage.En ? "PauseAI: summits" : "PauseAI: toppen",
            EventKind.Protest => language == UiLanguage.En ? "PauseAI: protests" : "PauseAI: protesten",
            EventKind.Other => language == UiLanguage.En ? "PauseAI: other events" : "PauseAI: overige evenementen",
            _ => "PauseAI",
        };
        calendar.AddProperty("X-WR-CALNAME", name);
        calendar.AddProperty("REFRESH-INTERVAL;VALUE=DURATION", "PT1H");
        calendar.AddProperty("X-PUBLISHED-TTL", "PT1H");
        foreach (var zone in events.Where(e => e.Zone.Id != TimeZoneInfo.Utc.Id).GroupBy(e => e.Zone.Id, StringComparer.Ordinal))
        {
            // From a year before the first event (or now), so every event's offset is covered by a rule.
            var first = zone.Min(e => e.StartLocal);
            var earliest = (first < now.UtcDateTime ? first : now.UtcDateTime).AddYears(-1);
            calendar.AddTimeZone(VTimeZone.FromDateTimeZone(zone.Key, earliest, includeHistoricalData: false));
        }

        foreach (var e in events)
        {
            var uid = Uid(e);
            var revision = revisions.GetValueOrDefault(uid) ?? new CalendarRevision(0, now);
            var other = e.Title.For(language == UiLanguage.En ? UiLanguage.Nl : UiLanguage.En);
            var description = new StringBuilder();
            if (other != e.Title.For(language))
            {
                description.AppendLine(other);
            }

            if (e.Link is not null)
            {
                description.Append(e.Link.AbsoluteUri);
            }

            calendar.Events.Add(new CalendarEvent
            {
                Uid = uid,
                Summary = e.Title.For(language),
                Description = description.Length == 0 ? null : description.ToString().Trim(),
                Location = string.IsNullOrWhiteSpace(e.Location) ? null : e.Location,
                Url = e.Link,
                DtStart = Time(e.StartLocal, e.Zone),
                DtEnd = Time(e.EndLocal > e.StartLocal ? e.EndLocal : e.StartLocal.AddMinutes(1), e.Zone),
                DtStamp = new CalDateTime(revision.ChangedAt.UtcDateTime, "UTC"),
                LastModified = new CalDateTime(revision.ChangedAt.UtcDateTime, "UTC"),
                Sequence = revision.Sequence,
                Categories = [e.Kind.ToString().ToUpperInvariant()],
            });
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? string.Empty;
    }

    /// <summary>What a calendar shows of the event; a change of it is a new SEQUENCE.</summary>
    public static string Fingerprint(BotEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var text = string.Join('\n',
            e.StartUtc.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            e.EndUtc.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            e.Zone.Id, e.Title.Nl, e.Title.En, e.Location, e.Link?.AbsoluteUri ?? string.Empty, e.Kind.ToString());
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static CalDateTime Time(DateTime local, TimeZoneInfo zone) =>
        zone.Id == TimeZoneInfo.Utc.Id
            ? new CalDateTime(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), "UTC")
            : new CalDateTime(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone.Id);
}
