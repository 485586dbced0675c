namespace Bot.Core.Events;

/// <summary>Wall-clock time in a zone to UTC and back, with explicit rules for DST gaps and overlaps.</summary>
internal static class ZoneTime
{
    /// <summary>
    /// The UTC instant of a wall-clock time in a zone. A time that does not exist (it falls in the
    /// spring-forward gap) moves forward by the gap, as a clock on the wall would; a time that exists
    /// twice (autumn overlap) is taken the first time it happens (daylight time).
    /// </summary>
    public static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var wall = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(wall))
        {
            var before = zone.GetUtcOffset(wall.AddHours(-3));
            return new DateTimeOffset(wall - before, TimeSpan.Zero);
        }

        if (zone.IsAmbiguousTime(wall))
        {
            var offsets = zone.GetAmbiguousTimeOffsets(wall);
            var first = offsets.Max();
            return new DateTimeOffset(wall - first, TimeSpan.Zero);
        }

        return new DateTimeOffset(wall - zone.GetUtcOffset(wall), TimeSpan.Zero);
    }

    /// <summary>Finds a zone by IANA id (Linux and macOS have them; Windows maps them too).</summary>
    public static bool TryFind(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id))
        {
            return false;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
            return true;
        }
        catch (TimeZoneNotFoundException)
        {
            return false;
        }
        catch (InvalidTimeZoneException)
        {
            return false;
        }
    }
}
