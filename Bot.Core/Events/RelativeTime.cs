using System.Globalization;
using Bot.Core.Kernel;

namespace Bot.Core.Events;

/// <summary>"over 12 dagen", "3 weken geleden", "in 12 days", "3 weeks ago".</summary>
internal static class RelativeTime
{
    /// <summary>Describes <paramref name="moment"/> as seen from <paramref name="now"/>.</summary>
    public static string Describe(DateTimeOffset moment, DateTimeOffset now, UiLanguage language)
    {
        var diff = moment - now;
        var future = diff >= TimeSpan.Zero;
        var span = diff.Duration();
        var (count, unit) = Unit(span);
        if (count == 0)
        {
            return language == UiLanguage.En ? "now" : "nu";
        }

        var words = language == UiLanguage.En ? EnglishUnit(unit, count) : DutchUnit(unit, count);
        var text = string.Create(CultureInfo.InvariantCulture, $"{count} {words}");
        return language == UiLanguage.En
            ? (future ? "in " + text : text + " ago")
            : (future ? "over " + text : text + " geleden");
    }

    /// <summary>"12 dagen en 5 uur" / "12 days and 5 hours" (days and hours only).</summary>
    public static string DaysAndHours(TimeSpan span, UiLanguage language)
    {
        var total = span.Duration();
        var days = (int)total.TotalDays;
        var hours = total.Hours;
        var minutes = total.Minutes;
        var parts = new List<string>();
        if (days > 0)
        {
            parts.Add(Count(days, language == UiLanguage.En ? EnglishUnit('d', days) : DutchUnit('d', days)));
        }

        if (hours > 0)
        {
            parts.Add(Count(hours, language == UiLanguage.En ? EnglishUnit('h', hours) : DutchUnit('h', hours)));
        }

        if (days == 0 && (minutes > 0 || parts.Count == 0))
        {
            parts.Add(Count(minutes, language == UiLanguage.En ? EnglishUnit('m', minutes) : DutchUnit('m', minutes)));
        }

        return string.Join(language == UiLanguage.En ? " and " : " en ", parts);
    }

    private static string Count(int n, string unit) => string.Create(CultureInfo.InvariantCulture, $"{n} {unit}");

    private static (int Count, char Unit) Unit(TimeSpan span)
    {
        if (span.TotalDays >= 365)
        {
            return ((int)Math.Round(span.TotalDays / 365.25), 'y');
        }

        if (span.TotalDays >= 60)
        {
            return ((int)Math.Round(span.TotalDays / 30.44), 'M');
        }

        if (span.TotalDays >= 21)
        {
            return ((int)Math.Round(span.TotalDays / 7), 'w');
        }

        if (span.TotalDays >= 1)
        {
            return ((int)Math.Round(span.TotalDays), 'd');
        }

        if (span.TotalHours >= 1)
        {
            return ((int)Math.Round(span.TotalHours), 'h');
        }

        return ((int)Math.Round(span.TotalMinutes), 'm');
    }

    private static string EnglishUnit(char unit, int n) => (unit, n == 1) switch
    {
        ('y', true) => "year",
        ('y', false) => "years",
        ('M', true) => "month",
        ('M', false) => "months",
        ('w', true) => "week",
        ('w', false) => "weeks",
        ('d', true) => "day",
        ('d', false) => "days",
        ('h', true) => "hour",
        ('h', false) => "hours",
        (_, true) => "minute",
        _ => "minutes",
    };

    private static string DutchUnit(char unit, int n) => (unit, n == 1) switch
    {
        ('y', _) => "jaar",
        ('M', true) => "maand",
        ('M', false) => "maanden",
        ('w', true) => "week",
        ('w', false) => "weken",
        ('d', true) => "dag",
        ('d', false) => "dagen",
        ('h', _) => "uur",
        (_, true) => "minuut",
        _ => "minuten",
    };
}
