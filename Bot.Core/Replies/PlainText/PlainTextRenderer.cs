using Markdig.Renderers;
using Markdig.Syntax;

namespace Bot.Core.Replies.PlainText;

/// <summary>
/// Renders Markdig nodes as plain text for a terminal: paragraphs joined into lines, indented
/// bullets, links as <c>text (url)</c>. Raw HTML renders as nothing.
/// </summary>
public sealed class PlainTextRenderer : TextRendererBase<PlainTextRenderer>
{
    public PlainTextRenderer(TextWriter writer)
        : base(writer)
    {
        ObjectRenderers.Add(new PlainParagraphRenderer());
        ObjectRenderers.Add(new PlainHeadingRenderer());
        ObjectRenderers.Add(new PlainListRenderer());
        ObjectRenderers.Add(new PlainQuoteRenderer());
        ObjectRenderers.Add(new PlainCodeBlockRenderer());
        ObjectRenderers.Add(new PlainThematicBreakRenderer());
        ObjectRenderers.Add(new PlainTableRenderer());
        ObjectRenderers.Add(new NeverShownRenderer());
        ObjectRenderers.Add(new PlainLiteralRenderer());
        ObjectRenderers.Add(new PlainEmphasisRenderer());
        ObjectRenderers.Add(new PlainCodeInlineRenderer());
        ObjectRenderers.Add(new PlainLinkRenderer());
        ObjectRenderers.Add(new PlainAutolinkRenderer());
        ObjectRenderers.Add(new PlainLineBreakRenderer());
        ObjectRenderers.Add(new PlainHtmlEntityRenderer());
    }

    /// <summary>Writes a block's inline content (or nothing for a block without inlines).</summary>
    internal void WriteInlines(LeafBlock block)
    {
        if (block.Inline is not null)
        {
            WriteChildren(block.Inline);
        }
    }
}
