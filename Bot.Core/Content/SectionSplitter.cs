using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Bot.Core.Content;

/// <summary>Splits a page's top-level blocks into a lead and one section per heading.</summary>
internal static class SectionSplitter
{
    public static IReadOnlyList<ContentSection> Split(ContentPage page)
    {
        // Indexes are the document's: sections find their blocks there again (ContentSection.Blocks). Only the first block can be front matter.
        var blocks = page.Document.ToList();
        var leadStart = blocks is [Markdig.Extensions.Yaml.YamlFrontMatterBlock, ..] ? 1 : 0;
        var sections = new List<ContentSection>();
        var firstHeading = blocks.FindIndex(b => b is HeadingBlock);
        var leadEnd = firstHeading < 0 ? blocks.Count : firstHeading;
        var lead = blocks.GetRange(leadStart, leadEnd - leadStart);
        sections.Add(new ContentSection(page, null, string.Empty, page.Title, string.Empty, leadStart, lead.Count, lead.Count, InlineText.OfBlocks(lead)));

        for (var i = leadEnd; i < blocks.Count; i++)
        {
            if (blocks[i] is not HeadingBlock heading)
            {
                continue;
            }

            var end = i + 1;
            var ownEnd = -1;
            while (end < blocks.Count && !(blocks[end] is HeadingBlock next && next.Level <= heading.Level))
            {
                if (ownEnd < 0 && blocks[end] is HeadingBlock)
                {
                    ownEnd = end;
                }

                end++;
            }

            ownEnd = ownEnd < 0 ? end : ownEnd;
            var body = blocks.GetRange(i + 1, end - i - 1);
            var (live, struck) = InlineText.Split(heading.Inline);
            var own = body.Take(ownEnd - i - 1).ToList();
            var text = live + "\n" + InlineText.OfBlocks(own);
            sections.Add(new ContentSection(page, heading, heading.GetAttributes().Id ?? string.Empty, live, struck, i + 1, body.Count, own.Count, text));
        }

        return sections;
    }
}
