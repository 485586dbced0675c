using System.Globalization;
using Markdig.Renderers;
using Markdig.Syntax;

namespace Bot.Core.Replies.Rendering;

/// <summary>
/// Renders Markdig nodes as one platform's message text, as Markdig's normalize renderer renders Markdown: one small
/// renderer per node type, written once for every platform; what differs is asked of the <see cref="Dialect"/>.
/// Literal text is always escaped by the dialect, raw HTML, front matter and link definitions render as nothing.
/// </summary>
public sealed class MessageTextRenderer : TextRendererBase<MessageTextRenderer>
{
    private readonly HashSet<string> _open = new(StringComparer.Ordinal);

    public MessageTextRenderer(TextWriter writer, TextDialect dialect)
        : base(writer)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        Dialect = dialect;

        // The first renderer that accepts a node wins: front matter (a code block) must not reach the code block
        // renderer, and the dialect's inlines (literals of their own type) must come before the literal renderer.
        ObjectRenderers.Add(new NeverShownRenderer());
        ObjectRenderers.AddRange(dialect.InlineRenderers);
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

    /// <summary>What this platform's text does its own way.</summary>
    public TextDialect Dialect { get; }

    /// <summary>Inside a link's text, where no link may be written (none of the platforms nests them).</summary>
    internal bool InLink { get; set; }

    /// <summary>Renders blocks separated by blank lines, without the line end after the last.</summary>
    public static string Render(IEnumerable<Block> blocks, TextDialect dialect)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        new MessageTextRenderer(writer, dialect).WriteBlocks(blocks);
        return writer.ToString().TrimEnd('\n', ' ');
    }

    /// <summary>Renders blocks separated by blank lines, leaving out those never shown.</summary>
    public void WriteBlocks(IEnumerable<Block> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        WriteShown(blocks, blankLines: true);
        EnsureLine();
    }

    /// <summary>Writes a block's inline content (or nothing for a block without inlines).</summary>
    internal void WriteInlines(LeafBlock block)
    {
        if (block.Inline is not null)
        {
            WriteChildren(block.Inline);
        }
    }

    /// <summary>Writes the blocks of a list item or quote, each on a line of its own, leaving out those never shown.</summary>
    internal void WriteChildBlocks(ContainerBlock container) => WriteShown(container, blankLines: false);

    /// <summary>Writes a mark's opening unless the same mark is already open (bold inside a bold heading); returns whether it did.</summary>
    internal bool Open(TextMark? mark)
    {
        if (mark is null || !_open.Add(mark.Open))
        {
            return false;
        }

        Write(mark.Open);
        return true;
    }

    /// <summary>Closes a mark <see cref="Open"/> wrote.</summary>
    internal void Close(TextMark mark)
    {
        _open.Remove(mark.Open);
        Write(mark.Close);
    }

    private void WriteShown(IEnumerable<Block> blocks, bool blankLines)
    {
        var first = true;
        foreach (var block in blocks.Where(b => !NeverShownRenderer.IsNeverShown(b)))
        {
            if (!first)
            {
                EnsureLine();
                if (blankLines)
                {
                    WriteLine();
                }
            }

            Write(block);
            first = false;
        }
    }
}
