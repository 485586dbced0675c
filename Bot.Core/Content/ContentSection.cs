using Markdig.Syntax;

namespace Bot.Core.Content;

/// <summary>A heading of a page with the blocks that belong to it.</summary>
public sealed class ContentSection
{
    internal ContentSection(ContentPage page, HeadingBlock? heading, string anchor, string title, string struckText, IReadOnlyList<Block> blocks, int ownBlockCount, string text)
    {
        Page = page;
        Heading = heading;
        Anchor = anchor;
        Title = title;
        StruckText = struckText;
        Blocks = blocks;
        OwnBlockCount = ownBlockCount;
        Text = text;
        Url = anchor.Length == 0 ? page.Url : new Uri(page.Url, "#" + anchor);
    }

    /// <summary>The page the section is on.</summary>
    public ContentPage Page { get; }

    /// <summary>The heading, or null for the lead of the page.</summary>
    public HeadingBlock? Heading { get; }

    /// <summary>1 for the lead, else the heading level (2 for <c>##</c>).</summary>
    public int Level => Heading?.Level ?? 1;

    /// <summary>The site's id of the heading (GitHub-style, or the explicit <c>{#id}</c>); empty for the lead.</summary>
    public string Anchor { get; }

    /// <summary>The heading as plain text, struck-through words left out (the page title for the lead).</summary>
    public string Title { get; }

    /// <summary>The struck-through words of the heading, space separated.</summary>
    public string StruckText { get; }

    /// <summary>The blocks under the heading up to the next heading of the same or a higher level (sub-sections included).</summary>
    public IReadOnlyList<Block> Blocks { get; }

    /// <summary>How many of <see cref="Blocks"/> come before the first sub-heading.</summary>
    public int OwnBlockCount { get; }

    /// <summary>The plain text of the section's own blocks (no sub-sections), for search.</summary>
    public string Text { get; }

    /// <summary>
    /// Deep link to the section as published. For a translation served at the site language's
    /// URL this is the original's section (or the page alone when the original has no such section).
    /// </summary>
    public Uri Url { get; internal set; }

    /// <summary>1-based line of the heading in the file.</summary>
    public int Line => (Heading?.Line ?? 0) + 1;
}
