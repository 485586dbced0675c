using Markdig.Syntax;

namespace Bot.Core.Content;

/// <summary>One Markdown page, parsed and split into sections.</summary>
public sealed class ContentPage
{
    internal ContentPage(string path, string language, string slug, string title, string? description, Uri url, MarkdownDocument document)
    {
        Path = path;
        Language = language;
        Slug = slug;
        Title = title;
        Description = description;
        Url = url;
        Document = document;
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

    /// <summary>The parsed page. Read only after loading.</summary>
    public MarkdownDocument Document { get; }

    /// <summary>The page's sections in order: the lead (before the first heading), then one per heading.</summary>
    public IReadOnlyList<ContentSection> Sections { get; internal set; } = [];
}
