using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using YamlDotNet.Core;

namespace Bot.Core.Content;

/// <summary>Parses one page: front matter, Markdown, absolute links, sections.</summary>
internal sealed class PageLoader
{
    private readonly ContentOptions _options;

    public PageLoader(ContentOptions options) => _options = options;

    /// <summary>Parses a page's text. Returns null and adds a problem when the page cannot be used.</summary>
    public ContentPage? Load(string relativePath, string markdown, ICollection<ContentProblem> problems)
    {
        // Some pages have blank lines before the front matter, which Markdig only sees on line 1.
        var skippedLines = LeadingBlankLinesBeforeFrontMatter(markdown, out var start);
        var source = SvelteStripper.Strip(markdown[start..]);
        var document = Parse(source);
        var frontMatter = FrontMatter.Empty;
        if (document.Descendants<YamlFrontMatterBlock>().FirstOrDefault() is { } yaml)
        {
            try
            {
                frontMatter = FrontMatter.Parse(yaml.Lines.ToString());
            }
            catch (YamlException ex)
            {
                // The block's first line is the opening '---'; YAML counts from the line after it.
                problems.Add(new ContentProblem(relativePath, skippedLines + yaml.Line + 1 + (int)ex.Start.Line, "Bad YAML front matter: " + ex.Message, Skipped: true));
                return null;
            }
        }

        var title = frontMatter["title"];
        if (string.IsNullOrWhiteSpace(title))
        {
            problems.Add(new ContentProblem(relativePath, 1, "The page has no 'title' in its front matter.", Skipped: true));
            return null;
        }

        var language = LanguageOf(relativePath);
        var slug = Path.GetFileNameWithoutExtension(relativePath);
        var page = new ContentPage(relativePath, language, slug, title, frontMatter["description"], PageUrl(language, slug), document, () => Parse(source));
        page.Sections = SectionSplitter.Split(page);
        return page;
    }

    private static int LeadingBlankLinesBeforeFrontMatter(string markdown, out int start)
    {
        var lines = 0;
        var position = 0;
        while (position < markdown.Length)
        {
            var end = markdown.IndexOf('\n', position);
            if (end < 0 || !string.IsNullOrWhiteSpace(markdown[position..end]))
            {
                break;
            }

            lines++;
            position = end + 1;
        }

        var frontMatterFollows = markdown.AsSpan(position).StartsWith("---", StringComparison.Ordinal);
        start = frontMatterFollows ? position : 0;
        return frontMatterFollows ? lines : 0;
    }

    private string LanguageOf(string relativePath)
    {
        // A page's language is its folder: nl/, en/, or a variant such as nl-paraglide/.
        var parts = relativePath.Split('/', '\\');
        var folder = parts.Length > 1 ? parts[0] : string.Empty;
        return folder.Length >= 2 && char.IsAsciiLetter(folder[0]) && char.IsAsciiLetter(folder[1]) && (folder.Length == 2 || folder[2] == '-')
            ? folder[..2].ToLowerInvariant()
            : _options.SiteLanguage;
    }

    private Uri PageUrl(string language, string slug)
    {
        var localized = _options.LocalizedUrls && language != _options.SiteLanguage;
        return new Uri(_options.SiteBaseUrl, localized ? $"/{language}/{slug}" : $"/{slug}");
    }

    private MarkdownDocument Parse(string source)
    {
        var document = Markdown.Parse(source, MarkdownPipelines.Pages);
        MakeLinksAbsolute(document);
        return document;
    }

    private void MakeLinksAbsolute(MarkdownDocument document)
    {
        foreach (var link in document.Descendants<LinkInline>())
        {
            link.Url = SiteLinks.Absolute(_options.SiteBaseUrl, link.Url);
        }

        foreach (var autolink in document.Descendants<AutolinkInline>())
        {
            if (!autolink.IsEmail)
            {
                autolink.Url = SiteLinks.Absolute(_options.SiteBaseUrl, autolink.Url) ?? autolink.Url;
            }
        }

        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            // Keep the anchor free of the site's own instructions.
            var attributes = heading.GetAttributes();
            if (attributes.Id is { } id && id.EndsWith("no-localize", StringComparison.Ordinal))
            {
                attributes.Id = id[..^"no-localize".Length].TrimEnd('-', '#');
            }
        }
    }
}
