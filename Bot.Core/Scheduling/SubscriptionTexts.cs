using Bot.Core.Kernel;
using Bot.Core.Storage;

namespace Bot.Core.Scheduling;

/// <summary>Shared words of the subscription commands.</summary>
internal static class SubscriptionTexts
{
    /// <summary>Whether the argument asks for the live countdown (<c>aftellen</c>, <c>countdown</c>) rather than reminders.</summary>
    public static bool IsCountdown(string? text) =>
        text?.Trim() is { } word && (word.Equals("aftellen", StringComparison.OrdinalIgnoreCase) || word.Equals("countdown", StringComparison.OrdinalIgnoreCase));

    /// <summary>Parses <c>summits</c>, <c>protests</c>, <c>alles</c> (and Dutch/English variants); empty means everything.</summary>
    public static bool TryParseTopics(string? text, out SubscriptionTopics topics)
    {
        topics = SubscriptionTopics.None;
        var words = (text ?? string.Empty).ToLowerInvariant().Split([' ', ',', '+'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            topics = SubscriptionTopics.All;
            return true;
        }

        foreach (var word in words)
        {
            switch (word)
            {
                case "summits" or "summit" or "toppen" or "top":
                    topics |= SubscriptionTopics.Summits;
                    break;
                case "protests" or "protest" or "protesten" or "acties":
                    topics |= SubscriptionTopics.Protests;
                    break;
                case "alles" or "all" or "everything" or "alle":
                    topics |= SubscriptionTopics.All;
                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    /// <summary>"toppen en protesten" / "summits and protests" / "alles" / "everything".</summary>
    public static string Describe(SubscriptionTopics topics, UiLanguage language)
    {
        var en = language == UiLanguage.En;
        if (topics.HasFlag(SubscriptionTopics.All))
        {
            return en ? "all events" : "alle evenementen";
        }

        var parts = new List<string>();
        if (topics.HasFlag(SubscriptionTopics.Summits))
        {
            parts.Add(en ? "summits" : "toppen");
        }

        if (topics.HasFlag(SubscriptionTopics.Protests))
        {
            parts.Add(en ? "protests" : "protesten");
        }

        if (topics.HasFlag(SubscriptionTopics.Other))
        {
            parts.Add(en ? "other events" : "andere evenementen");
        }

        return string.Join(en ? " and " : " en ", parts);
    }
}
