using Bot.Core.Events;
using Bot.Core.Kernel;
using Bot.Core.Replies;

namespace Bot.Core.Scheduling;

/// <summary>
/// What a live countdown says at one moment, stored with its outbox rows: the event and the moment, rendered
/// when sent ("Nog 12 dagen tot …", "… is nu bezig", "… vond plaats"), so every node writes the same row.
/// </summary>
/// <param name="EventId">The event counted down to.</param>
/// <param name="Title">Its title, in <paramref name="Language"/>.</param>
/// <param name="StartUnix">Its start (Unix seconds).</param>
/// <param name="EndUnix">Its end (Unix seconds).</param>
/// <param name="When">Its start in its local time, in words (platforms that can show the reader's own time do).</param>
/// <param name="AtUnix">The moment the text is for (Unix seconds).</param>
/// <param name="Language">The chat's language.</param>
internal sealed record CountdownText(string EventId, string Title, long StartUnix, long EndUnix, string When, long AtUnix, UiLanguage Language)
{
    /// <summary>The text of the countdown to <paramref name="e"/> at <paramref name="at"/>, its start on the clock of <paramref name="shownIn"/> (a member's own zone) or else the event's.</summary>
    public static CountdownText For(BotEvent e, DateTimeOffset at, UiLanguage language, TimeZoneInfo? shownIn = null)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.Id, e.Title.For(language), e.StartUtc.ToUnixTimeSeconds(), e.EndUtc.ToUnixTimeSeconds(), EventTexts.LocalStart(e, language, shownIn), at.ToUnixTimeSeconds(), language);
    }

    /// <summary>The message.</summary>
    public Reply ToReply()
    {
        var en = Language == UiLanguage.En;
        var left = TimeSpan.FromSeconds(StartUnix - AtUnix);
        string head;
        if (AtUnix >= EndUnix)
        {
            head = en ? $"{Title} took place" : $"{Title} vond plaats";
        }
        else if (AtUnix >= StartUnix)
        {
            head = en ? $"{Title} is happening now" : $"{Title} is nu bezig";
        }
        else if (left >= TimeSpan.FromDays(1))
        {
            var days = (int)Math.Round(left.TotalDays);
            head = en ? $"{days} {(days == 1 ? "day" : "days")} until {Title}" : $"Nog {days} {(days == 1 ? "dag" : "dagen")} tot {Title}";
        }
        else
        {
            var hours = Math.Max(1, (int)Math.Round(left.TotalHours));
            head = en ? $"{hours} {(hours == 1 ? "hour" : "hours")} until {Title}" : $"Nog {hours} uur tot {Title}";
        }

        return Reply.FromBlocks(
            ReplyText.Paragraph(ReplyText.Bold(head)),
            ReplyText.Paragraph(new EventTimeInline(When, DateTimeOffset.FromUnixTimeSeconds(StartUnix))));
    }
}
