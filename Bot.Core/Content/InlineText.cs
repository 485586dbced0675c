using System.Text;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Bot.Core.Content;

/// <summary>Plain text of Markdig nodes, with struck-through text kept apart.</summary>
internal static class InlineText
{
    /// <summary>The live text and the struck-through text of a container's children.</summary>
    public static (string Live, string Struck) Split(ContainerInline? inline)
    {
        var live = new StringBuilder();
        var struck = new StringBuilder();
        Append(inline?.FirstChild, live, struck, struckNow: false);
        return (Collapse(live.ToString()), Collapse(struck.ToString()));
    }

    /// <summary>All text of a block tree (struck text included), paragraphs separated by newlines.</summary>
    public static string OfBlocks(IEnumerable<Block> blocks)
    {
        var builder = new StringBuilder();
        foreach (var block in blocks)
        {
            AppendBlock(block, builder);
        }

        return builder.ToString().Trim();
    }

    private static void AppendBlock(Block block, StringBuilder builder)
    {
        switch (block)
        {
            case HtmlBlock:
                return;
            case LeafBlock { Inline: { } inline }:
                Append(inline, builder, builder, struckNow: false);
                builder.Append('\n');
                return;
            case LeafBlock leaf when leaf is CodeBlock or FencedCodeBlock:
                builder.Append(leaf.Lines.ToString()).Append('\n');
                return;
            case ContainerBlock container:
                foreach (var child in container)
                {
                    AppendBlock(child, builder);
                }

                return;
        }
    }

    private static void Append(Inline? inline, StringBuilder live, StringBuilder struck, bool struckNow)
    {
        for (var node = inline; node is not null; node = node.NextSibling)
        {
            var target = struckNow ? struck : live;
            switch (node)
            {
                case LiteralInline literal:
                    target.Append(literal.Content.AsSpan());
                    break;
                case CodeInline code:
                    target.Append(code.Content);
                    break;
                case AutolinkInline autolink:
                    target.Append(autolink.Url);
                    break;
                case LineBreakInline:
                    target.Append(' ');
                    break;
                case HtmlEntityInline entity:
                    target.Append(entity.Transcoded.AsSpan());
                    break;
                case EmphasisInline { DelimiterChar: '~' } strike:
                    target.Append(' ');
                    Append(strike.FirstChild, live, struck, struckNow: true);
                    (struckNow ? struck : live).Append(' ');
                    struck.Append(' ');
                    break;
                case LinkInline { IsImage: true }:
                    break;
                case ContainerInline container:
                    Append(container.FirstChild, live, struck, struckNow);
                    break;
            }
        }
    }

    private static string Collapse(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
