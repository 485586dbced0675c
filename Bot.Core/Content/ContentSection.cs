using Markdig.Syntax;

namespace Bot.Core.Content;

/// <summary>A heading of a page with the blocks that belong to it.</summary>
public sealed class ContentSection
{
    // The section is the range [_first, _first + _count) of its page's document, its heading the block before.
    private readonly int _first;
    private readonly int _count;

    internal ContentSection(ContentPage page, HeadingBlock? heading, string anchor, string title, string struckText, int first, int count, int ownBlockCount, string text)
    {
        Page = page;
        HasHeading = heading is not null;
        Level = heading?.Level ?? 1;
        Line = (heading?.Line ?? 0) + 1;
        Anchor = anchor;
        Title = title;
        StruckText = struckText;
        _first = first;
        _count = count;
        OwnBlockCount = ownBlockCount;
        Text = text;
        Url = anchor.Length == 0 ? page.Url : new Uri(page.Url, "#" + anchor);
    }

    /// <summary>The page the section is on.</summary>
    public ContentPage Page { get; }

    /// <summary>False for the lead of the page.</summary>
    public bool HasHeading { get; }

    /// <summary>The heading, or null for the lead of the page.</summary>
    public HeadingBlock? Heading => HasHeading ? (HeadingBlock)Page.Document[_first - 1] : null;

    /// <summary>1 for the lead, else the heading level (2 for <c>##</c>).</summary>
    public int Level { get; }

    /// <summary>The site's id of the heading (GitHub-style, or the explicit <c>{#id}</c>); empty for the lead.</summary>
    public string Anchor { get; }

    /// <summary>The heading as plain text, struck-through words left out (the page title for the lead).</summary>
    public string Title { get; }

    /// <summary>The struck-through words of the heading, space separated.</summary>
    public string StruckText { get; }

    /// <summary>The blocks under the heading up to the next heading of the same or a higher level (sub-sections included).</summary>
    public IReadOnlyList<Block> Blocks => Page.Document.Skip(_first).Take(_count).ToList();

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
    public int Line { get; }
}
