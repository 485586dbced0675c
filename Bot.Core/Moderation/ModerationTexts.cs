using System.Globalization;
using Bot.Core.Commands;
using Bot.Core.Events;
using Bot.Core.Kernel;
using Markdig.Syntax.Inlines;

namespace Bot.Core.Moderation;

/// <summary>Parsing and wording shared by the moderator commands.</summary>
internal static class ModerationTexts
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "d-M-yyyy", "d/M/yyyy"];
    private static readonly string[] TimeFormats = ["H:mm", "H.mm"];

    /// <summary>Who did it: <c>{platform}:{user id}</c>, the same string the audit log uses.</summary>
    public static string Actor(CommandRequest request) => $"{request.Chat.Platform}:{request.User.Id}";

    /// <summary>Nl or En.</summary>
    public static string Pick(UiLanguage language, string nl, string en) => language == UiLanguage.En ? en : nl;

    /// <summary>
    /// Reads <c>&lt;date&gt; &lt;time&gt;</c> (<c>2026-12-01 14:00</c>, <c>1-12-2026 14.00</c>, <c>morgen 9:30</c>) as wall-clock time in
    /// <paramref name="zone"/>; false for an unreadable or non-existent (DST gap) time.
    /// </summary>
    public static bool TryParseMoment(string date, string time, TimeZoneInfo zone, DateTimeOffset now, out DateTimeOffset utc)
    {
        utc = default;
        var today = TimeZoneInfo.ConvertTime(now, zone).Date;
        DateTime day;
        switch (date.ToLowerInvariant())
        {
            case "vandaag" or "today":
                day = today;
                break;
            case "morgen" or "tomorrow":
                day = today.AddDays(1);
                break;
            default:
                if (!DateTime.TryParseExact(date, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
                {
                    return false;
                }

                break;
        }

        if (!DateTime.TryParseExact(time, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var clock))
        {
            return false;
        }

        var local = DateTime.SpecifyKind(day.Date + clock.TimeOfDay, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            return false;
        }

        utc = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
        return true;
    }

    /// <summary>A moment on the community's clock, in the user's language: <c>zaterdag 5 december 2026, 19:00</c>.</summary>
    public static string Local(DateTimeOffset utc, TimeZoneInfo zone, UiLanguage language) => UiFormat.Moment(utc, zone, language);

    /// <summary>
    /// A moment in a reply: <c>zaterdag 5 december 2026, 19:00 Amsterdamse tijd</c> where the platform writes text, a
    /// timestamp in each reader's own zone where it can (the platform's renderer of <see cref="EventTimeInline"/>).
    /// </summary>
    public static Inline Time(DateTimeOffset utc, TimeZoneInfo zone, UiLanguage language) =>
        new EventTimeInline($"{Local(utc, zone, language)} {ZoneNames.InWords(zone, language)}", utc, EventTimeStyle.Full);

    /// <summary>"1 kanaal (A)", "3 kanalen (2 op B en 1 op A)" / "3 channels (2 on B and 1 on A)": the most first.</summary>
    public static string Reach(UiLanguage language, IEnumerable<ChatAddress> targets, PlatformDirectory platforms)
    {
        var list = targets.ToList();
        var groups = list.GroupBy(t => t.Platform).OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Name, StringComparer.Ordinal).ToList();
        var total = UiFormat.Channels(language, list.Count);
        if (groups.Count == 0)
        {
            return total;
        }

        if (groups.Count == 1)
        {
            return $"{total} ({platforms.Name(groups[0].Key, language)})";
        }

        var parts = groups.Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} {Pick(language, "op", "on")} {platforms.Name(g.Key, language)}")).ToList();
        return $"{total} ({UiFormat.List(parts, language)})";
    }
}
