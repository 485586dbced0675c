using Markdig.Extensions.Tables;
using Markdig.Renderers;
using Markdig.Syntax;

namespace Bot.Telegram.Rendering;

internal sealed class ParagraphRenderer : MarkdownObjectRenderer<TelegramHtmlRenderer, ParagraphBlock>
{
    protected override void Write(TelegramHtmlRenderer renderer, ParagraphBlock obj)
    {
        renderer.WriteInlines(obj);
        renderer.EnsureLine();
    }
}

internal sealed class HeadingRenderer : MarkdownObjectRenderer<TelegramHtmlRenderer, HeadingBlock>
{
    protected override void Write(TelegramHtmlRenderer renderer, HeadingBlock obj)
    {
        var opened = renderer.OpenTag("b");
        renderer.WriteInlines(obj);
        if (opened)
        {
            renderer.CloseTag("b");
        }

        renderer.EnsureLine();
    }
}

internal sealed class ListRenderer : MarkdownObjectRenderer<TelegramHtmlRenderer, ListBlock>
{
    protected override void Write(TelegramHtmlRenderer renderer, ListBlock obj)
    {
        var number = int.TryParse(obj.OrderedStart, out var start) ? start : 1;
        foreach (var item in obj.OfType<ListItemBlock>())
        {
            var bullet = obj.IsOrdered ? $"{number++}. " : "• ";
            renderer.EnsureLine();
            renderer.Write(bullet);
            renderer.PushIndent(new string(' ', bullet.Length + 1));
            var first = true;
            foreach (var child in item)
            {
                if (!first)
                {
                    renderer.EnsureLine();
                }

                renderer.Write(child);
                first = false;
            }

            renderer.PopIndent();
        }

        renderer.EnsureLine();
    }
}

internal sealed class QuoteRenderer : MarkdownObjectRenderer<TelegramHtmlRenderer, QuoteBlock>
{
    protected override void Write(TelegramHtmlRenderer renderer, QuoteBlock obj)
    {
        renderer.PushIndent("┃ ");
        renderer.WriteChildren(obj);
        renderer.PopIndent();
        renderer.EnsureLine();
    }
}

internal sealed class CodeBlockRenderer : MarkdownObjectRenderer<TelegramHtmlRenderer, CodeBlock>
{
    protected override void Write(TelegramHtmlRenderer renderer, CodeBlock obj)
    {
        renderer.Write("<pre>");
        var lines = obj.Lines;
        for (var i = 0; i < lines.Count; i++)
        {
            if (i > 0)
            {
                renderer.Write('\n');
            }

            renderer.Write(TelegramHtml.EscapeCode(lines.Lines[i].Slice.AsSpan()));
        }

        renderer.Write("</pre>");
        renderer.EnsureLine();
    }
}

internal sealed class ThematicBreakRenderer : MarkdownObjectRenderer<TelegramHtmlRenderer, ThematicBreakBlock>
{
    protected override void Write(TelegramHtmlRenderer renderer, ThematicBreakBlock obj)
    {
        renderer.EnsureLine();
        renderer.WriteLine("⸻");
    }
}

/// <summary>Tables become one line per row, cells separated by a bar; the header row is bold.</summary>
internal sealed class TableRenderer : MarkdownObjectRenderer<TelegramHtmlRenderer, Table>
{
    protected override void Write(TelegramHtmlRenderer renderer, Table obj)
    {
        foreach (var row in obj.OfType<TableRow>())
        {
            renderer.EnsureLine();
            var first = true;
            foreach (var cell in row.OfType<TableCell>())
            {
                if (!first)
                {
                    renderer.Write(" | ");
                }

                first = false;
                var opened = row.IsHeader && renderer.OpenTag("b");
                foreach (var leaf in cell.OfType<LeafBlock>())
                {
                    renderer.WriteInlines(leaf);
                }

                if (opened)
                {
                    renderer.CloseTag("b");
                }
            }
        }

        renderer.EnsureLine();
    }
}
