using Bot.Core.Delivery;
using Bot.Core.Events;
using Bot.Core.Replies;

namespace Bot.Core.Scheduling;

/// <summary>
/// A reminder as queued in the outbox: plain text (paragraphs, the event's time and place, one link),
/// turned into a <see cref="Reply"/> of literal nodes when sent, so every platform renderer escapes it.
/// The JSON names are those of the rows written before payloads had kinds; keep them.
/// </summary>
/// <param name="Paragraphs">Plain-text paragraphs; the first is shown bold.</param>
/// <param name="LinkText">Text of the link, if any.</param>
/// <param name="LinkUrl">The link, if any.</param>
/// <param name="EventStartUnix">The event's start (Unix seconds), for platforms that show timestamps in the reader's own time zone.</param>
/// <param name="When">The event's start in its local time, shown as an <see cref="EventTimeInline"/> after the paragraphs.</param>
/// <param name="Where">The event's location, shown after <paramref name="When"/>.</param>
internal sealed record ReminderPost(IReadOnlyList<string> Paragraphs, string? LinkText = null, string? LinkUrl = null, long? EventStartUnix = null, string? When = null, string? Where = null)
    : IOutboxPost<ReminderPost>
{
    public static string Kind => "reminder";

    public Reply ToReply()
    {
        var blocks = new List<Markdig.Syntax.Block>();
        for (var i = 0; i < Paragraphs.Count; i++)
        {
            blocks.Add(i == 0 ? ReplyText.Paragraph(ReplyText.Bold(Paragraphs[i])) : ReplyText.Paragraph(Paragraphs[i]));
        }

        if (When is not null)
        {
            var inlines = new List<Markdig.Syntax.Inlines.Inline>
            {
                EventStartUnix is { } unix ? new EventTimeInline(When, DateTimeOffset.FromUnixTimeSeconds(unix)) : ReplyText.Text(When),
            };
            if (!string.IsNullOrWhiteSpace(Where))
            {
                inlines.Add(ReplyText.Text(" · " + Where));
            }

            blocks.Add(ReplyText.Paragraph([.. inlines]));
        }

        Uri? url = null;
        if (LinkUrl is not null && Uri.TryCreate(LinkUrl, UriKind.Absolute, out url))
        {
            blocks.Add(ReplyText.Paragraph(ReplyText.Link(LinkText ?? LinkUrl, url)));
        }

        return new Reply { Body = blocks, PreviewUrl = url };
    }
}
