using Bot.Core.Kernel;
using Bot.Core.Replies;
using Markdig.Syntax;

namespace Bot.Core.Events;

/// <summary>How the bot writes about events in each UI language.</summary>
internal static class EventTexts
{
    /// <summary>"Nothing is planned", with where all the community's events are listed when that is known.</summary>
    public static ParagraphBlock NothingPlanned(UiLanguage language, Uri? allEvents, bool pastHint)
    {
        var en = language == UiLanguage.En;
        var text = en ? "No events are planned at the moment." : "Er staan op dit moment geen evenementen gepland.";
        if (pastHint)
        {
            text += en ? " See /events for past ones." : " Zie /events voor eerdere.";
        }

        return allEvents is null
            ? ReplyText.Paragraph(text)
            : ReplyText.Paragraph(ReplyText.Text(text + (en ? " Local meetings and actions are listed at " : " Lokale bijeenkomsten en acties staan op ")), ReplyText.Link(allEvents.Host, allEvents), ReplyText.Text("."));
    }

    /// <summary>
    /// "maandag 10 februari 2025, 09:00 Parijse tijd" / "Monday 10 February 2025, 9:00 am Paris time": the start on
    /// the clock of <paramref name="shownIn"/> (a member's own zone), else of the event's zone, with that zone in words.
    /// </summary>
    public static string LocalStart(BotEvent e, UiLanguage language, TimeZoneInfo? shownIn = null)
    {
        ArgumentNullException.ThrowIfNull(e);
        var zone = shownIn ?? e.Zone;
        var local = TimeZoneInfo.ConvertTime(e.StartUtc, zone).DateTime;
        return string.Create(UiCultures.For(language), $"{local.ToString("dddd d MMMM yyyy", UiCultures.For(language))}, {Clock(local, language)} {ZoneNames.InWords(zone, language)}");
    }

    /// <summary>"10–11 februari 2025, 09:00 Parijse tijd": the dates and the start time in words, for lists.</summary>
    public static string Moment(BotEvent e, UiLanguage language, TimeZoneInfo? shownIn = null)
    {
        ArgumentNullException.ThrowIfNull(e);
        var zone = shownIn ?? e.Zone;
        return $"{DateRange(e, language, zone)}, {Clock(TimeZoneInfo.ConvertTime(e.StartUtc, zone).DateTime, language)} {ZoneNames.InWords(zone, language)}";
    }

    /// <summary>"19:00" / "7:00 pm": a wall-clock time as each language writes it.</summary>
    public static string Clock(DateTime local, UiLanguage language) =>
        language == UiLanguage.En
            ? local.ToString("h:mm", UiCultures.English) + (local.Hour < 12 ? " am" : " pm")
            : local.ToString("HH:mm", UiCultures.Dutch);

    /// <summary>"10–11 februari 2025" style date range in the event's zone (or <paramref name="shownIn"/>).</summary>
    public static string DateRange(BotEvent e, UiLanguage language, TimeZoneInfo? shownIn = null)
    {
        ArgumentNullException.ThrowIfNull(e);
        var culture = UiCultures.For(language);
        var start = shownIn is null ? e.StartLocal : TimeZoneInfo.ConvertTime(e.StartUtc, shownIn).DateTime;
        var end = shownIn is null ? e.EndLocal : TimeZoneInfo.ConvertTime(e.EndUtc, shownIn).DateTime;
        if (start.Date == end.Date)
        {
            return start.ToString("d MMMM yyyy", culture);
        }

        if (start.Year == end.Year && start.Month == end.Month)
        {
            return string.Create(culture, $"{start.Day}–{end.ToString("d MMMM yyyy", culture)}");
        }

        return string.Create(culture, $"{start.ToString(start.Year == end.Year ? "d MMMM" : "d MMMM yyyy", culture)} – {end.ToString("d MMMM yyyy", culture)}");
    }

    /// <summary>
    /// "Nog 7 dagen tot X" / "7 days until X", rounded up to the minute. A day or more is counted on
    /// the wall clock of the event's zone (a week before across a DST change is "7 dagen", not
    /// "6 dagen en 23 uur"); less than a day in real elapsed time.
    /// </summary>
    public static string TimeLeft(BotEvent e, DateTimeOffset now, UiLanguage language)
    {
        ArgumentNullException.ThrowIfNull(e);
        var wall = e.StartLocal - TimeZoneInfo.ConvertTime(now, e.Zone).DateTime;
        var left = CeilingToMinute(wall >= TimeSpan.FromDays(1) ? wall : e.StartUtc - now);
        var amount = RelativeTime.DaysAndHours(left, language);
        var title = e.Title.For(language);
        return language == UiLanguage.En ? $"{amount} until {title}" : $"Nog {amount} tot {title}";
    }

    /// <summary>"Meer informatie" / "More information".</summary>
    public static string MoreInformation(UiLanguage language) => language == UiLanguage.En ? "More information" : "Meer informatie";

    /// <summary>The span rounded up to whole minutes (a trigger that fires a few ms late still says "7 days").</summary>
    public static TimeSpan CeilingToMinute(TimeSpan span)
    {
        var minute = TimeSpan.TicksPerMinute;
        return TimeSpan.FromTicks((span.Ticks + minute - 1) / minute * minute);
    }
}
