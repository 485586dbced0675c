using Bot.Core.Events;
using Bot.Core.Kernel;

namespace Bot.Core.Scheduling;

/// <summary>Writes the text of a reminder post.</summary>
internal static class ReminderComposer
{
    /// <summary>The post for one event at <paramref name="now"/> in one language.</summary>
    public static ReminderPost Compose(BotEvent e, DateTimeOffset now, UiLanguage language)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new ReminderPost(
            [EventTexts.TimeLeft(e, now, language)],
            e.Link is null ? null : EventTexts.MoreInformation(language),
            e.Link?.AbsoluteUri,
            e.StartUtc.ToUnixTimeSeconds(),
            EventTexts.LocalStart(e, language),
            string.IsNullOrWhiteSpace(e.Location) ? null : e.Location);
    }
}
