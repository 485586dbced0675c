using Bot.Core.Events;
using Bot.Core.Replies;
using Bot.Core.Replies.Rendering;
using Markdig.Renderers;

namespace Bot.Discord.Rendering;

/// <summary>An event's time as Discord timestamps, which every reader sees in their own time zone.</summary>
internal sealed class DiscordEventTimeRenderer : MarkdownObjectRenderer<MessageTextRenderer, EventTimeInline>
{
    protected override void Write(MessageTextRenderer renderer, EventTimeInline obj) =>
        _ = obj.Style switch
        {
            EventTimeStyle.Full => renderer.Write(DiscordTimestamp.Full(obj.Instant)),
            EventTimeStyle.Relative => renderer.Write(DiscordTimestamp.Relative(obj.Instant)),
            _ => renderer.Write(DiscordTimestamp.Full(obj.Instant)).Write(" (").Write(DiscordTimestamp.Relative(obj.Instant)).Write(")"),
        };
}

/// <summary>
/// A mass mention a moderator asked for with an explicit option: written raw so Discord can ping, which it
/// only does when the message's <c>allowed_mentions</c> says so (<see cref="Reply.MassMention"/>).
/// Without this renderer it would be a literal, escaped like every other.
/// </summary>
internal sealed class DiscordMassMentionRenderer : MarkdownObjectRenderer<MessageTextRenderer, MassMentionInline>
{
    protected override void Write(MessageTextRenderer renderer, MassMentionInline obj) =>
        renderer.Write(obj.Here ? "@here" : "@everyone");
}
