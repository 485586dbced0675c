using Markdig.Syntax;

namespace Bot.Core.Content;

/// <summary>One Markdown page, parsed and split into sections.</summary>
public sealed class ContentPage
{
    private readonly Func<MarkdownDocument> _parse;
    private readonly WeakReference<MarkdownDocument> _document;

    internal ContentPage(string path, string language, string slug, string title, string? description, Uri url, MarkdownDocument document, Func<MarkdownDocument> parse)
    {
        Path = path;
        Language = language;
        Slug = slug;
        Title = title;
        Description = description;
        Url = url;
        _document = new WeakReference<MarkdownDocument>(document);
        _parse = parse;
    }

    /// <summary>The file, relative to the content folder (<c>nl/summit.md</c>).</summary>
    public string Path { get; }

    /// <summary>The page's language: its folder (<c>nl</c>, <c>en</c>).</summary>
    public string Language { get; }

    /// <summary>The file name without <c>.md</c>, as the site addresses it.</summary>
    public string Slug { get; }

    /// <summary>The front matter's title.</summary>
    public string Title { get; }

    /// <summary>The front matter's description, if any.</summary>
    public string? Description { get; }

    /// <summary>The page's URL on the website.</summary>
    public Uri Url { get; }

    /// <summary>
    /// The parsed page, read only after loading. It is held weakly: once the content is indexed only the replies
    /// that render a page's blocks need it, and the whole site's syntax trees would keep about 3 MB resident for
    /// them. A tree the GC has taken is parsed again (about a millisecond for the longest page).
    /// </summary>
    public MarkdownDocument Document
    {
        get
        {
            if (!_document.TryGetTarget(out var document))
            {
                document = _parse();
                _document.SetTarget(document);
            }

            return document;
        }
    }

    /// <summary>The page's sections in order: the lead (before the first heading), then one per heading.</summary>
    public IReadOnlyList<ContentSection> Sections { get; internal set; } = [];
}
