using Markdig.Renderers;
using Markdig.Syntax;

namespace Bot.Discord.Rendering;

/// <summary>
/// Renders Markdig nodes as Discord Markdown: one small renderer per node type, every literal escaped,
/// masked links, <c>~~strike~~</c>, bold headings, indented lists. Raw HTML renders as nothing.
/// </summary>
internal sealed class DiscordMarkdownRenderer : TextRendererBase<DiscordMarkdownRenderer>
{
    public DiscordMarkdownRenderer(TextWriter writer)
        : base(writer)
    {
        ObjectRenderers.Add(new DiscordParagraphRenderer());
        ObjectRenderers.Add(new DiscordHeadingRenderer());
        ObjectRenderers.Add(new DiscordListRenderer());
        ObjectRenderers.Add(new DiscordQuoteRenderer());
        ObjectRenderers.Add(new DiscordCodeBlockRenderer());
        ObjectRenderers.Add(new DiscordThematicBreakRenderer());
        ObjectRenderers.Add(new DiscordTableRenderer());
        ObjectRenderers.Add(new Bot.Core.Replies.NeverShownRenderer());
        ObjectRenderers.Add(new DiscordMassMentionRenderer()); // before the literal renderer, which would escape it
        ObjectRenderers.Add(new DiscordEventTimeRenderer()); // before the literal renderer, which would also take it
        ObjectRenderers.Add(new DiscordLiteralRenderer());
        ObjectRenderers.Add(new DiscordEmphasisRenderer());
        ObjectRenderers.Add(new DiscordCodeInlineRenderer());
        ObjectRenderers.Add(new DiscordLinkRenderer());
        ObjectRenderers.Add(new DiscordAutolinkRenderer());
        ObjectRenderers.Add(new DiscordLineBreakRenderer());
        ObjectRenderers.Add(new DiscordHtmlEntityRenderer());
    }

    /// <summary>Inside a link's text no nested link may be written (Discord does not nest them).</summary>
    internal bool InLink { get; set; }

    /// <summary>Writes a block's inline content.</summary>
    internal void WriteInlines(LeafBlock block)
    {
        if (block.Inline is not null)
        {
            WriteChildren(block.Inline);
        }
    }
}
