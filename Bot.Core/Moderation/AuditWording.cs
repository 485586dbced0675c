using System.Globalization;
using System.Text.RegularExpressions;
using Bot.Core.Kernel;
using Bot.Core.Replies;
using Bot.Core.Scheduling;
using Bot.Core.Storage;
using Markdig.Syntax.Inlines;

namespace Bot.Core.Moderation;

/// <summary>
/// One audit row as a sentence for <c>/status</c>. The log itself stays a machine record (platform ids,
/// ISO times, English); this reads the parts a moderator needs out of it and words them in their language.
/// </summary>
internal static partial class AuditWording
{
    /// <summary>The sentence, its moment (an announcement's planned time) as a time node each platform writes its own way.</summary>
    public static Inline[] Describe(AuditEntry entry, UiLanguage language, TimeZoneInfo zone, PlatformDirectory platforms)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var number = Number().Match(entry.Detail) is { Success: true } n ? n.Value : string.Empty;
        var via = Via(entry.Actor, language, platforms);
        var tail = via.Length == 0 ? string.Empty : $" ({via})";
        if (entry.Action == "announcement.schedule")
        {
            var head = ModerationTexts.Pick(language, $"aankondiging {number} ingepland", $"announcement {number} scheduled");
            return When(entry.Detail) is { } at
                ? [ReplyText.Text(head + ModerationTexts.Pick(language, " voor ", " for ")), ModerationTexts.Time(at, zone, language), ReplyText.Text(Reach(entry.Detail, language) + tail)]
                : [ReplyText.Text(head + Reach(entry.Detail, language) + tail)];
        }

        var what = entry.Action switch
        {
            "subscribe" => Subscribed(entry.Detail, language),
            "unsubscribe" => ModerationTexts.Pick(language, "abonnement opgezegd", "subscription stopped"),
            "event.edit" => ModerationTexts.Pick(language, $"event {FirstWord(entry.Detail)} toegevoegd of gewijzigd", $"event {FirstWord(entry.Detail)} added or changed"),
            "event.delete" => ModerationTexts.Pick(language, $"event {FirstWord(entry.Detail)} verwijderd", $"event {FirstWord(entry.Detail)} deleted"),
            "announcement.preview" => ModerationTexts.Pick(language, $"voorbeeld van aankondiging {number} gemaakt", $"preview of announcement {number} made"),
            "announcement.send" => ModerationTexts.Pick(language, $"aankondiging {number} verstuurd", $"announcement {number} sent") + Reach(entry.Detail, language),
            "announcement.cancel" => ModerationTexts.Pick(language, $"aankondiging {number} geannuleerd", $"announcement {number} cancelled"),
            _ => entry.Action.Replace('.', ' '),
        };
        return [ReplyText.Text(what + tail)];
    }

    private static string Subscribed(string detail, UiLanguage language)
    {
        // "{chat} {topics} {language}"; topics may read "Summits, Protests".
        var parts = detail.Split(' ', 2);
        var rest = parts.Length > 1 ? parts[1] : string.Empty;
        var lastSpace = rest.LastIndexOf(' ');
        var topicsText = lastSpace > 0 ? rest[..lastSpace] : rest;
        var topics = Enum.TryParse<SubscriptionTopics>(topicsText, ignoreCase: true, out var parsed) ? SubscriptionTexts.Describe(parsed, language) : null;
        return topics is null
            ? ModerationTexts.Pick(language, "geabonneerd", "subscribed")
            : ModerationTexts.Pick(language, $"geabonneerd op {topics}", $"subscribed to {topics}");
    }

    private static DateTimeOffset? When(string detail) =>
        Iso().Match(detail) is { Success: true } m && DateTimeOffset.TryParse(m.Value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            ? at
            : null;

    private static string Reach(string detail, UiLanguage language) =>
        Channels().Match(detail) is { Success: true } m && int.TryParse(m.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? ", " + UiFormat.Channels(language, count)
            : string.Empty;

    private static string Via(string actor, UiLanguage language, PlatformDirectory platforms)
    {
        var platform = actor.Split(':', 2)[0];
        return platforms.All.FirstOrDefault(p => string.Equals(p.Id.Name, platform, StringComparison.OrdinalIgnoreCase)) is { } known
            ? "via " + known.Name.For(language)
            : string.Empty;
    }

    private static string FirstWord(string detail) => detail.Split(' ', 2)[0];

    [GeneratedRegex(@"#\d+")]
    private static partial Regex Number();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T[0-9:.]+(?:Z|[+-]\d{2}:\d{2})")]
    private static partial Regex Iso();

    [GeneratedRegex(@"(\d+) channels")]
    private static partial Regex Channels();
}
