using Markdig.Syntax;

namespace Bot.Core.Replies;

/// <summary>
/// A platform-neutral answer. Text stays a Markdig syntax tree so each platform renders it natively;
/// text the bot composes (and any user text echoed back) is built from <see cref="ReplyText"/> nodes
/// whose literals every renderer escapes.
/// </summary>
public sealed record Reply
{
    /// <summary>Blocks shown as the message text (intro, lists, errors).</summary>
    public IReadOnlyList<Block> Body { get; init; } = [];

    /// <summary>Sections of content, each with a title and deep link (cards where the platform has them).</summary>
    public IReadOnlyList<ReplyCard> Cards { get; init; } = [];

    /// <summary>Follow-up commands offered as buttons ("Did you mean …?").</summary>
    public IReadOnlyList<ReplyChoice> Choices { get; init; } = [];

    /// <summary>The answer reports a problem; platforms may show it only to the asker.</summary>
    public bool IsError { get; init; }

    /// <summary>
    /// Only the asker may see it (a preview of an announcement): a platform sends it so only they see it,
    /// or in a private chat with them.
    /// </summary>
    public bool Private { get; init; }

    /// <summary>
    /// The reply carries a <see cref="MassMentionInline"/> the moderator asked for explicitly: only then may a platform
    /// let <c>@everyone</c> ping. Never set from text.
    /// </summary>
    public bool MassMention { get; init; }

    /// <summary>One image sent with the text (a photo with the text as caption, or an attachment), if any.</summary>
    public ReplyImage? Image { get; init; }

    /// <summary>The single deep link worth a link preview, if any.</summary>
    public Uri? PreviewUrl { get; init; }

    /// <summary>A reply with just these body blocks.</summary>
    public static Reply FromBlocks(params Block[] blocks) => new() { Body = blocks };
}
