using Bot.Core.Events;
using Bot.Core.Kernel;

namespace Bot.Core.Scheduling;

/// <summary>Writes the text of a reminder post.</summary>
internal static class ReminderComposer
{
    /// <summary>The post for one event at <paramref name="now"/> in one language, its time on the clock of <paramref name="shownIn"/> (a member's own zone) or else the event's.</summary>
    public static ReminderPost Compose(BotEvent e, DateTimeOffset now, UiLanguage language, TimeZoneInfo? shownIn = null)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new ReminderPost(
            [EventTexts.TimeLeft(e, now, language)],
            e.Link is null ? null : EventTexts.MoreInformation(language),
            e.Link?.AbsoluteUri,
            e.StartUtc.ToUnixTimeSeconds(),
            EventTexts.LocalStart(e, language, shownIn),
            string.IsNullOrWhiteSpace(e.Location) ? null : e.Location);
    }
}
