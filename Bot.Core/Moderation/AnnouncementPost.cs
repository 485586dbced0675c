using Bot.Core.Delivery;
using Bot.Core.Replies;

namespace Bot.Core.Moderation;

/// <summary>
/// An announcement as queued in the outbox, one row per channel. The JSON names are those of the rows
/// written before payloads had kinds; keep them.
/// </summary>
/// <param name="Markdown">The moderator's text as Markdown (parsed with raw HTML disabled).</param>
/// <param name="MassMention">The mass mention the moderator asked for explicitly; the flag that lets a platform ping.</param>
/// <param name="Image">The stored image sent with the text, if any (a reference: the bytes stay in <c>bot_images</c>).</param>
internal sealed record AnnouncementPost(string Markdown, MassMention MassMention = MassMention.None, ReplyImage? Image = null) : IOutboxPost<AnnouncementPost>
{
    public static string Kind => "announcement";

    public Reply ToReply() =>
        new() { Body = AnnouncementMarkdown.Parse(Markdown, MassMention), MassMention = MassMention != MassMention.None, Image = Image };
}
