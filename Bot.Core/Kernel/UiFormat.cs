using System.Globalization;

namespace Bot.Core.Kernel;

/// <summary>Counts and moments as a person reads them, in one UI language.</summary>
public static class UiFormat
{
    /// <summary>"1 kanaal" / "2 kanalen": the count with the singular or plural noun.</summary>
    public static string Count(int count, string singular, string plural) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? singular : plural)}");

    /// <summary>"1 kanaal", "3 kanalen" / "1 channel", "3 channels".</summary>
    public static string Channels(UiLanguage language, int count) =>
        language == UiLanguage.En ? Count(count, "channel", "channels") : Count(count, "kanaal", "kanalen");

    /// <summary>"zaterdag 5 december 2026, 19:00" / "Saturday 5 December 2026, 19:00": a moment on the wall clock of <paramref name="zone"/>.</summary>
    public static string Moment(DateTimeOffset moment, TimeZoneInfo zone, UiLanguage language)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return Wall(TimeZoneInfo.ConvertTime(moment, zone).DateTime, language);
    }

    /// <summary>A wall-clock time as <see cref="Moment"/> writes it.</summary>
    public static string Wall(DateTime local, UiLanguage language) =>
        local.ToString("dddd d MMMM yyyy, HH:mm", UiCultures.For(language));

    /// <summary>Items joined as a person lists them: "a, b en c" / "a, b and c".</summary>
    public static string List(IReadOnlyList<string> items, UiLanguage language)
    {
        ArgumentNullException.ThrowIfNull(items);
        return items.Count switch
        {
            0 => string.Empty,
            1 => items[0],
            _ => string.Join(", ", items.Take(items.Count - 1)) + (language == UiLanguage.En ? " and " : " en ") + items[^1],
        };
    }
}
