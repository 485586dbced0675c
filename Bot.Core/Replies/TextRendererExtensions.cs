using Markdig.Extensions.Tables;
using Markdig.Renderers;
using Markdig.Syntax;

namespace Bot.Core.Replies;

/// <summary>Layout that the text-based platform renderers (console, chat platforms with Markdown) share.</summary>
public static class TextRendererExtensions
{
    /// <summary>Renders blocks separated by blank lines, leaving out those never shown.</summary>
    public static void WriteBlocks<T>(this T renderer, IEnumerable<Block> blocks)
        where T : TextRendererBase<T>
    {
        ArgumentNullException.ThrowIfNull(renderer);
        ArgumentNullException.ThrowIfNull(blocks);
        var first = true;
        foreach (var block in blocks)
        {
            if (NeverShownRenderer.IsNeverShown(block))
            {
                continue;
            }

            if (!first)
            {
                renderer.EnsureLine();
                renderer.WriteLine();
            }

            renderer.Write(block);
            first = false;
        }

        renderer.EnsureLine();
    }

    /// <summary>A table as one line per row, its cells' text between <paramref name="separator"/>s.</summary>
    public static void WriteTableRows<T>(this T renderer, Table table, string separator)
        where T : TextRendererBase<T>
    {
        ArgumentNullException.ThrowIfNull(renderer);
        ArgumentNullException.ThrowIfNull(table);
        foreach (var row in table.OfType<TableRow>())
        {
            var first = true;
            foreach (var cell in row.OfType<TableCell>())
            {
                renderer.Write(first ? string.Empty : separator);
                foreach (var leaf in cell.OfType<LeafBlock>())
                {
                    if (leaf.Inline is not null)
                    {
                        renderer.WriteChildren(leaf.Inline);
                    }
                }

                first = false;
            }

            renderer.WriteLine();
        }
    }
}
