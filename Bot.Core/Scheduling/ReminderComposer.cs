using Bot.Core.Commands;
using Bot.Core.Delivery;
using Bot.Core.Events;

namespace Bot.Core.Scheduling;

/// <summary>Writes the text of a reminder post.</summary>
internal static class ReminderComposer
{
    /// <summary>The post for one event at <paramref name="now"/> in one language.</summary>
    public static OutboxMessage Compose(BotEvent e, DateTimeOffset now, UiLanguage language)
    {
        ArgumentNullException.ThrowIfNull(e);
        var paragraphs = new List<string> { EventTexts.TimeLeft(e, now, language) };
        var when = EventTexts.LocalStart(e, language);
        paragraphs.Add(string.IsNullOrWhiteSpace(e.Location) ? when : $"{when} · {e.Location}");
        return new OutboxMessage(paragraphs, e.Link is null ? null : EventTexts.MoreInformation(language), e.Link?.AbsoluteUri, e.StartUtc.ToUnixTimeSeconds());
    }
}
