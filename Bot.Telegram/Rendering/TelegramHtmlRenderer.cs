using Markdig.Renderers;
using Markdig.Syntax;

namespace Bot.Telegram.Rendering;

/// <summary>
/// Renders Markdig nodes as Telegram's HTML subset (<c>b i s a code pre</c>). Every literal
/// character <c>&lt; &gt; &amp;</c> is escaped, raw HTML renders as nothing, headings become bold
/// lines and lists become indented bullets (Telegram has neither).
/// </summary>
internal sealed class TelegramHtmlRenderer : TextRendererBase<TelegramHtmlRenderer>
{
    public TelegramHtmlRenderer(TextWriter writer)
        : base(writer)
    {
        // Order matters: the first renderer that accepts a node wins, so the front-matter block
        // (a CodeBlock subclass) must come before the code block renderer.
        ObjectRenderers.Add(new Bot.Core.Replies.NeverShownRenderer());
        ObjectRenderers.Add(new ParagraphRenderer());
        ObjectRenderers.Add(new HeadingRenderer());
        ObjectRenderers.Add(new ListRenderer());
        ObjectRenderers.Add(new QuoteRenderer());
        ObjectRenderers.Add(new CodeBlockRenderer());
        ObjectRenderers.Add(new ThematicBreakRenderer());
        ObjectRenderers.Add(new TableRenderer());
        ObjectRenderers.Add(new LiteralRenderer());
        ObjectRenderers.Add(new EmphasisRenderer());
        ObjectRenderers.Add(new CodeInlineRenderer());
        ObjectRenderers.Add(new LinkRenderer());
        ObjectRenderers.Add(new AutolinkRenderer());
        ObjectRenderers.Add(new LineBreakRenderer());
        ObjectRenderers.Add(new HtmlEntityRenderer());
        ObjectRenderers.Add(new DelimiterRenderer());
    }

    private readonly HashSet<string> _open = new(StringComparer.Ordinal);

    /// <summary>How deep inside <c>a</c> elements the writer is; links never nest.</summary>
    internal int LinkDepth { get; set; }

    /// <summary>Writes an opening tag unless the same tag is already open (bold inside a bold heading); returns whether it did.</summary>
    internal bool OpenTag(string tag)
    {
        if (!_open.Add(tag))
        {
            return false;
        }

        Write('<').Write(tag).Write('>');
        return true;
    }

    /// <summary>Closes a tag <see cref="OpenTag"/> wrote.</summary>
    internal void CloseTag(string tag)
    {
        _open.Remove(tag);
        Write("</").Write(tag).Write('>');
    }

    /// <summary>Renders one block to a string.</summary>
    public static string RenderBlock(Block block)
    {
        ArgumentNullException.ThrowIfNull(block);
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        var renderer = new TelegramHtmlRenderer(writer);
        renderer.Write(block);
        return writer.ToString().TrimEnd('\n', ' ');
    }

    /// <summary>Writes text with the three markup characters escaped and mentions defused.</summary>
    internal void WriteEscaped(ReadOnlySpan<char> text) => Write(TelegramHtml.Escape(text));

    /// <summary>Writes a block's inline content (or nothing for a block without inlines).</summary>
    internal void WriteInlines(LeafBlock block)
    {
        if (block.Inline is not null)
        {
            WriteChildren(block.Inline);
        }
    }
}
