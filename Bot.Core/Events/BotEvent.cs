using Bot.Core.Kernel;

namespace Bot.Core.Events;

/// <summary>
/// One event of the catalog. Start and end are wall-clock times in the event's own time zone;
/// the UTC instants are derived from them (so a reminder "1 day before" is computed in that zone).
/// </summary>
/// <param name="Id">Stable id (<c>paris-2025</c>): part of every trigger and outbox key.</param>
/// <param name="Kind">Summit, protest or other.</param>
/// <param name="Title">Title in Dutch and English.</param>
/// <param name="StartLocal">Start, wall-clock time in <paramref name="Zone"/>.</param>
/// <param name="EndLocal">End, wall-clock time in <paramref name="Zone"/>.</param>
/// <param name="Zone">The event's IANA time zone.</param>
/// <param name="Location">Where it happens, plain text.</param>
/// <param name="Link">A page or section on the website, if any.</param>
/// <param name="Offsets">Reminder offsets for this event; null means the configured defaults.</param>
internal sealed record BotEvent(
    string Id,
    EventKind Kind,
    LocalizedText Title,
    DateTime StartLocal,
    DateTime EndLocal,
    TimeZoneInfo Zone,
    string Location,
    Uri? Link,
    IReadOnlyList<TimeSpan>? Offsets)
{
    /// <summary>Where the entry came from (<c>events.yaml:12</c> or a feed UID).</summary>
    public string Source { get; init; } = string.Empty;

    /// <summary>How the event repeats (on a series, before expansion); null for a single event and for each occurrence.</summary>
    public EventRecurrence? Recurrence { get; init; }

    /// <summary>
    /// The series an occurrence belongs to (its id is <c>{series}@{yyyyMMddTHHmm}</c>, the original start in UTC);
    /// null for a single event.
    /// </summary>
    public string? SeriesId { get; init; }

    /// <summary>The start as a UTC instant.</summary>
    public DateTimeOffset StartUtc => ZoneTime.ToUtc(StartLocal, Zone);

    /// <summary>The end as a UTC instant.</summary>
    public DateTimeOffset EndUtc => ZoneTime.ToUtc(EndLocal, Zone);

    /// <summary>The start with the zone's offset at that moment.</summary>
    public DateTimeOffset StartWithOffset => TimeZoneInfo.ConvertTime(StartUtc, Zone);

    /// <summary>The end with the zone's offset at that moment.</summary>
    public DateTimeOffset EndWithOffset => TimeZoneInfo.ConvertTime(EndUtc, Zone);
}
