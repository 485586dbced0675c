using Bot.Core.Replies;
using Markdig.Extensions.Tables;
using Markdig.Renderers;
using Markdig.Syntax;

namespace Bot.Discord.Rendering;

internal sealed class DiscordParagraphRenderer : MarkdownObjectRenderer<DiscordMarkdownRenderer, ParagraphBlock>
{
    protected override void Write(DiscordMarkdownRenderer renderer, ParagraphBlock obj)
    {
        renderer.WriteInlines(obj);
        renderer.EnsureLine();
    }
}

/// <summary>Headings become bold lines: Discord's own <c>#</c> headings are too loud in a chat.</summary>
internal sealed class DiscordHeadingRenderer : MarkdownObjectRenderer<DiscordMarkdownRenderer, HeadingBlock>
{
    protected override void Write(DiscordMarkdownRenderer renderer, HeadingBlock obj)
    {
        renderer.Write("**");
        renderer.WriteInlines(obj);
        renderer.Write("**");
        renderer.EnsureLine();
    }
}

internal sealed class DiscordListRenderer : MarkdownObjectRenderer<DiscordMarkdownRenderer, ListBlock>
{
    protected override void Write(DiscordMarkdownRenderer renderer, ListBlock obj)
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
                if (Bot.Core.Replies.NeverShownRenderer.IsNeverShown(child))
                {
                    continue;
                }

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

internal sealed class DiscordQuoteRenderer : MarkdownObjectRenderer<DiscordMarkdownRenderer, QuoteBlock>
{
    protected override void Write(DiscordMarkdownRenderer renderer, QuoteBlock obj)
    {
        renderer.EnsureLine();
        renderer.PushIndent("> ");
        var first = true;
        foreach (var child in obj)
        {
            if (!first)
            {
                renderer.EnsureLine();
            }

            renderer.Write(child);
            first = false;
        }

        renderer.PopIndent();
        renderer.EnsureLine();
    }
}

/// <summary>Code goes in a fence; a fence inside the code is broken with a zero-width space so it cannot end ours.</summary>
internal sealed class DiscordCodeBlockRenderer : MarkdownObjectRenderer<DiscordMarkdownRenderer, CodeBlock>
{
    protected override void Write(DiscordMarkdownRenderer renderer, CodeBlock obj)
    {
        var language = obj is FencedCodeBlock { Info: { Length: > 0 } info } && info.All(char.IsAsciiLetterOrDigit) ? info : string.Empty;
        renderer.EnsureLine();
        renderer.WriteLine("```" + language);
        var lines = obj.Lines;
        for (var i = 0; i < lines.Count; i++)
        {
            renderer.WriteLine(lines.Lines[i].Slice.ToString().Replace("```", "`\u200b``", StringComparison.Ordinal));
        }

        renderer.WriteLine("```");
    }
}

internal sealed class DiscordThematicBreakRenderer : MarkdownObjectRenderer<DiscordMarkdownRenderer, ThematicBreakBlock>
{
    protected override void Write(DiscordMarkdownRenderer renderer, ThematicBreakBlock obj) => renderer.WriteLine("⎯⎯⎯");
}

/// <summary>Discord has no tables: one line per row, cells separated by a bar.</summary>
internal sealed class DiscordTableRenderer : MarkdownObjectRenderer<DiscordMarkdownRenderer, Table>
{
    protected override void Write(DiscordMarkdownRenderer renderer, Table obj) => renderer.WriteTableRows(obj, " \\| ");
}
