using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Bot.Core.Replies;

/// <summary>
/// Builds Markdig nodes for text the bot composes. Text passed here is never parsed as Markdown:
/// it becomes <see cref="LiteralInline"/> nodes, which every renderer escapes.
/// </summary>
public static class ReplyText
{
    /// <summary>Literal text.</summary>
    public static LiteralInline Text(string text) => new(text ?? string.Empty);

    /// <summary>Bold literal text.</summary>
    public static Inline Bold(string text) => Emphasis(2, '*', Text(text));

    /// <summary>Italic literal text.</summary>
    public static Inline Italic(string text) => Emphasis(1, '_', Text(text));

    /// <summary>Inline code.</summary>
    public static Inline Code(string text) => new CodeInline(text ?? string.Empty) { Delimiter = '`', DelimiterCount = 1 };

    /// <summary>A link with literal text.</summary>
    public static Inline Link(string text, Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var link = new LinkInline(url.AbsoluteUri, string.Empty);
        link.AppendChild(Text(text));
        return link;
    }

    /// <summary>A paragraph of inlines.</summary>
    public static ParagraphBlock Paragraph(params Inline[] inlines)
    {
        var container = new ContainerInline();
        foreach (var inline in inlines)
        {
            container.AppendChild(inline);
        }

        return new ParagraphBlock { Inline = container };
    }

    /// <summary>A paragraph of plain text.</summary>
    public static ParagraphBlock Paragraph(string text) => Paragraph(Text(text));

    /// <summary>A bullet list whose items are paragraphs of inlines.</summary>
    public static ListBlock BulletList(IEnumerable<Inline[]> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var list = new ListBlock(null!) { IsOrdered = false, BulletType = '-' };
        foreach (var inlines in items)
        {
            var item = new ListItemBlock(null!);
            item.Add(Paragraph(inlines));
            list.Add(item);
        }

        return list;
    }

    private static EmphasisInline Emphasis(int count, char delimiter, Inline child)
    {
        var emphasis = new EmphasisInline { DelimiterChar = delimiter, DelimiterCount = count };
        emphasis.AppendChild(child);
        return emphasis;
    }
}
