using Markdig.Extensions.Tables;
using Markdig.Renderers;
using Markdig.Syntax;

namespace Bot.Core.Replies.PlainText;

internal sealed class PlainParagraphRenderer : MarkdownObjectRenderer<PlainTextRenderer, ParagraphBlock>
{
    protected override void Write(PlainTextRenderer renderer, ParagraphBlock obj)
    {
        renderer.WriteInlines(obj);
        renderer.EnsureLine();
    }
}

internal sealed class PlainHeadingRenderer : MarkdownObjectRenderer<PlainTextRenderer, HeadingBlock>
{
    protected override void Write(PlainTextRenderer renderer, HeadingBlock obj)
    {
        renderer.WriteInlines(obj);
        renderer.EnsureLine();
    }
}

internal sealed class PlainListRenderer : MarkdownObjectRenderer<PlainTextRenderer, ListBlock>
{
    protected override void Write(PlainTextRenderer renderer, ListBlock obj)
    {
        var number = int.TryParse(obj.OrderedStart, out var start) ? start : 1;
        foreach (var item in obj.OfType<ListItemBlock>())
        {
            var bullet = obj.IsOrdered ? $"{number++}. " : "- ";
            renderer.EnsureLine();
            renderer.Write(bullet);
            renderer.PushIndent(new string(' ', bullet.Length));
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

internal sealed class PlainQuoteRenderer : MarkdownObjectRenderer<PlainTextRenderer, QuoteBlock>
{
    protected override void Write(PlainTextRenderer renderer, QuoteBlock obj)
    {
        renderer.PushIndent("> ");
        renderer.WriteChildren(obj);
        renderer.PopIndent();
        renderer.EnsureLine();
    }
}

internal sealed class PlainCodeBlockRenderer : MarkdownObjectRenderer<PlainTextRenderer, CodeBlock>
{
    protected override void Write(PlainTextRenderer renderer, CodeBlock obj)
    {
        renderer.PushIndent("    ");
        var lines = obj.Lines;
        for (var i = 0; i < lines.Count; i++)
        {
            renderer.WriteLine(lines.Lines[i].Slice.ToString());
        }

        renderer.PopIndent();
        renderer.EnsureLine();
    }
}

internal sealed class PlainThematicBreakRenderer : MarkdownObjectRenderer<PlainTextRenderer, ThematicBreakBlock>
{
    protected override void Write(PlainTextRenderer renderer, ThematicBreakBlock obj) => renderer.WriteLine("---");
}

internal sealed class PlainTableRenderer : MarkdownObjectRenderer<PlainTextRenderer, Table>
{
    protected override void Write(PlainTextRenderer renderer, Table obj) => renderer.WriteTableRows(obj, " | ");
}
