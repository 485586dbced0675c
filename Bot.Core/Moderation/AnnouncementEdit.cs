using Bot.Core.Delivery;
using Bot.Core.Replies;

namespace Bot.Core.Moderation;

/// <summary>A moderator's new text for one channel's copy of an announcement that went out, queued in the outbox.</summary>
/// <param name="TargetKey">The outbox key of that channel's announcement post.</param>
/// <param name="Markdown">The new text (parsed with raw HTML disabled, as the announcement was).</param>
/// <param name="MassMention">The announcement's own mass mention, kept so the edited text reads the same; an edit never pings again.</param>
/// <param name="Image">The announcement's image, which the post went with: its first message is that photo (the text its caption, or the
/// messages after it), and the edit keeps it. Null for a text post (and in rows queued before images could be edited).</param>
internal sealed record AnnouncementEdit(string TargetKey, string Markdown, MassMention MassMention = MassMention.None, ReplyImage? Image = null) : IOutboxChange<AnnouncementEdit>
{
    public static string Kind => "announcement-edit";

    // The mention line reads as before, but the edit lets nothing ping: a notification was the send's job.
    public Reply? ToReply() => new AnnouncementPost(Markdown, MassMention, Image).ToReply() with { MassMention = false };
}

/// <summary>The deletion of one channel's copy of a retracted announcement, queued in the outbox.</summary>
/// <param name="TargetKey">The outbox key of that channel's announcement post.</param>
internal sealed record AnnouncementRetraction(string TargetKey) : IOutboxChange<AnnouncementRetraction>
{
    public static string Kind => "announcement-retract";

    public Reply? ToReply() => null;
}
