using Markdig.Extensions.Tables;
using Markdig.Renderers;
using Markdig.Syntax;

namespace Bot.Core.Replies.Rendering;

internal sealed class ParagraphRenderer : MarkdownObjectRenderer<MessageTextRenderer, ParagraphBlock>
{
    protected override void Write(MessageTextRenderer renderer, ParagraphBlock obj)
    {
        renderer.WriteInlines(obj);
        renderer.EnsureLine();
    }
}

/// <summary>Headings become bold lines (plain lines in a dialect without bold): no chat has headings that suit a message.</summary>
internal sealed class HeadingRenderer : MarkdownObjectRenderer<MessageTextRenderer, HeadingBlock>
{
    protected override void Write(MessageTextRenderer renderer, HeadingBlock obj)
    {
        var strong = renderer.Dialect.Strong;
        var opened = renderer.Open(strong);
        renderer.WriteInlines(obj);
        if (opened)
        {
            renderer.Close(strong!);
        }

        renderer.EnsureLine();
    }
}

/// <summary>Each item starts with its bullet or number; its further lines are indented under it.</summary>
internal sealed class ListRenderer : MarkdownObjectRenderer<MessageTextRenderer, ListBlock>
{
    protected override void Write(MessageTextRenderer renderer, ListBlock obj)
    {
        var number = int.TryParse(obj.OrderedStart, out var start) ? start : 1;
        foreach (var item in obj.OfType<ListItemBlock>())
        {
            var bullet = obj.IsOrdered ? $"{number++}. " : renderer.Dialect.Bullet;
            renderer.EnsureLine();
            renderer.Write(bullet);
            renderer.PushIndent(renderer.Dialect.ItemIndent(bullet));
            renderer.WriteChildBlocks(item);
            renderer.PopIndent();
        }

        renderer.EnsureLine();
    }
}

internal sealed class QuoteRenderer : MarkdownObjectRenderer<MessageTextRenderer, QuoteBlock>
{
    protected override void Write(MessageTextRenderer renderer, QuoteBlock obj)
    {
        if (renderer.Dialect.BlocksStartLine)
        {
            renderer.EnsureLine();
        }

        renderer.PushIndent(renderer.Dialect.QuotePrefix);
        renderer.WriteChildBlocks(obj);
        renderer.PopIndent();
        renderer.EnsureLine();
    }
}

internal sealed class CodeBlockRenderer : MarkdownObjectRenderer<MessageTextRenderer, CodeBlock>
{
    protected override void Write(MessageTextRenderer renderer, CodeBlock obj)
    {
        var dialect = renderer.Dialect;
        var style = dialect.CodeBlock((obj as FencedCodeBlock)?.Info);
        if (dialect.BlocksStartLine)
        {
            renderer.EnsureLine();
        }

        WriteNonEmpty(renderer, style.Open);
        renderer.PushIndent(style.Indent);
        var lines = obj.Lines;
        for (var i = 0; i < lines.Count; i++)
        {
            if (i > 0 || style.OwnLines)
            {
                NewLine(renderer, style);
            }

            renderer.Write(dialect.CodeLine(lines.Lines[i].Slice.ToString()));
        }

        renderer.PopIndent();
        if (style.OwnLines)
        {
            NewLine(renderer, style);
        }

        WriteNonEmpty(renderer, style.Close);
        renderer.EnsureLine();
    }

    private static void NewLine(MessageTextRenderer renderer, CodeBlockStyle style)
    {
        if (style.Verbatim)
        {
            renderer.Write('\n');
        }
        else
        {
            renderer.WriteLine();
        }
    }

    /// <summary>Writing even nothing would write the indent of a line not begun.</summary>
    private static void WriteNonEmpty(MessageTextRenderer renderer, string text)
    {
        if (text.Length > 0)
        {
            renderer.Write(text);
        }
    }
}

internal sealed class ThematicBreakRenderer : MarkdownObjectRenderer<MessageTextRenderer, ThematicBreakBlock>
{
    protected override void Write(MessageTextRenderer renderer, ThematicBreakBlock obj)
    {
        renderer.EnsureLine();
        renderer.WriteLine(renderer.Dialect.ThematicBreak);
    }
}

/// <summary>None of the chats has tables: one line per row, cells between separators, the header row bold.</summary>
internal sealed class TableRenderer : MarkdownObjectRenderer<MessageTextRenderer, Table>
{
    protected override void Write(MessageTextRenderer renderer, Table obj)
    {
        var strong = renderer.Dialect.Strong;
        foreach (var row in obj.OfType<TableRow>())
        {
            renderer.EnsureLine();
            var first = true;
            foreach (var cell in row.OfType<TableCell>())
            {
                if (!first)
                {
                    renderer.Write(renderer.Dialect.TableSeparator);
                }

                first = false;
                var opened = row.IsHeader && renderer.Open(strong);
                foreach (var leaf in cell.OfType<LeafBlock>())
                {
                    renderer.WriteInlines(leaf);
                }

                if (opened)
                {
                    renderer.Close(strong!);
                }
            }
        }

        renderer.EnsureLine();
    }
}
