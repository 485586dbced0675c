using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Bot.Core.Events;
using Bot.Core.Kernel;
using Bot.Discord.Api;

namespace Bot.Discord.ScheduledEvents;

/// <summary>
/// What one catalog event looks like as a Discord scheduled event: its title (at most 100 characters), a
/// description (at most 1,000) with the place, the link and a last line that marks it as ours, the start and
/// an end (external events need one: a default length when the event has none), and where. Text from feeds and
/// edits can never mention anyone: <c>@everyone</c>, <c>@here</c> and <c>&lt;@…&gt;</c> are broken up.
/// </summary>
internal static class ScheduledEventMapper
{
    /// <summary>Discord's limits for scheduled events.</summary>
    public const int MaxName = 100;

    public const int MaxDescription = 1000;

    public const int MaxLocation = 100;

    /// <summary>The last line of every description we write: how a sync finds its events again (after a crash, on another node).</summary>
    public const string MarkerPrefix = "event-id: ";

    private const char ZeroWidthSpace = '\u200B';

    public static ScheduledEventBody Map(BotEvent e, UiLanguage language, TimeSpan defaultLength)
    {
        ArgumentNullException.ThrowIfNull(e);
        var title = Defuse(e.Title.For(language));
        var location = string.IsNullOrWhiteSpace(e.Location) ? (e.Link?.Host ?? "PauseAI") : Defuse(e.Location);
        var end = e.EndUtc > e.StartUtc ? e.EndUtc : e.StartUtc + defaultLength;
        var lines = new List<string>();
        if (title.Length > MaxName)
        {
            lines.Add(title);
        }

        if (!string.IsNullOrWhiteSpace(e.Location))
        {
            lines.Add("📍 " + location);
        }

        if (e.Link is not null)
        {
            lines.Add(EventTexts.MoreInformation(language) + ": " + e.Link.AbsoluteUri);
        }

        var marker = MarkerPrefix + e.Id;
        var body = Truncate(string.Join('\n', lines), MaxDescription - marker.Length - 2);
        return new ScheduledEventBody
        {
            Name = Truncate(title, MaxName),
            Description = body.Length == 0 ? marker : body + "\n\n" + marker,
            ScheduledStartTime = Iso(e.StartUtc),
            ScheduledEndTime = Iso(end),
            EntityMetadata = new ScheduledEventLocation(Truncate(location, MaxLocation)),
        };
    }

    /// <summary>The event id a description marks as ours, if it has the marker line.</summary>
    public static string? MarkerOf(string? description)
    {
        if (string.IsNullOrEmpty(description))
        {
            return null;
        }

        var last = description.Split('\n')[^1].Trim();
        return last.StartsWith(MarkerPrefix, StringComparison.Ordinal) && last.Length > MarkerPrefix.Length ? last[MarkerPrefix.Length..] : null;
    }

    /// <summary>A hash of everything we send, so an unchanged event is not edited again.</summary>
    public static string Hash(ScheduledEventBody body) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(body, DiscordJsonContext.Default.ScheduledEventBody)));

    /// <summary>An instant as Discord writes them (ISO 8601, UTC).</summary>
    public static string Iso(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Breaks up mass mentions and user/role/channel mention markup with a zero-width space.</summary>
    public static string Defuse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text
            .Replace("@everyone", "@" + ZeroWidthSpace + "everyone", StringComparison.OrdinalIgnoreCase)
            .Replace("@here", "@" + ZeroWidthSpace + "here", StringComparison.OrdinalIgnoreCase)
            .Replace("<@", "<" + ZeroWidthSpace + "@", StringComparison.Ordinal)
            .Replace("<#", "<" + ZeroWidthSpace + "#", StringComparison.Ordinal);
    }

    /// <summary>At most <paramref name="max"/> UTF-16 units, cut between whole characters (never inside a surrogate pair or emoji), with an ellipsis.</summary>
    public static string Truncate(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= max)
        {
            return text;
        }

        var cut = 0;
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var next = elements.ElementIndex + elements.GetTextElement().Length;
            if (next > max - 1)
            {
                break;
            }

            cut = next;
        }

        return text[..cut] + "…";
    }
}
