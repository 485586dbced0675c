using Markdig.Syntax;

namespace Bot.Core.Content;

/// <summary>Reads every <c>*.md</c> below the content folder and builds the <see cref="ContentIndex"/>.</summary>
public static class ContentLoader
{
    /// <summary>Loads a folder. A page that cannot be read or parsed is reported and skipped.</summary>
    public static ContentIndex Load(string folder, ContentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<ContentProblem>();
        var files = new List<(string Relative, string Text)>();
        if (!Directory.Exists(folder))
        {
            problems.Add(new ContentProblem(folder, 0, "The content folder does not exist.", Skipped: true));
        }
        else
        {
            foreach (var path in Directory.EnumerateFiles(folder, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                if (Path.GetFileName(path).Equals("README.md", StringComparison.OrdinalIgnoreCase))
                {
                    continue; // documentation of the folder, not a page
                }

                var relative = Path.GetRelativePath(folder, path).Replace('\\', '/');
                try
                {
                    files.Add((relative, File.ReadAllText(path)));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    problems.Add(new ContentProblem(relative, 0, "Cannot read the file: " + ex.Message, Skipped: true));
                }
            }
        }

        var aliases = AliasTable.Load(Path.Combine(folder, AliasTable.FileName), AliasTable.FileName, problems);
        return Build(files, aliases, options, problems);
    }

    /// <summary>Builds an index from page texts (for tests and benchmarks).</summary>
    public static ContentIndex FromTexts(IEnumerable<(string RelativePath, string Markdown)> pages, ContentOptions options, string? aliasesPath = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<ContentProblem>();
        var aliases = aliasesPath is null ? AliasTable.Empty : AliasTable.Load(aliasesPath, AliasTable.FileName, problems);
        return Build(pages.ToList(), aliases, options, problems);
    }

    private static ContentIndex Build(List<(string Relative, string Text)> files, AliasTable aliases, ContentOptions options, List<ContentProblem> problems)
    {
        var loader = new PageLoader(options);
        var pages = new List<ContentPage>();

        // Pages hold their syntax trees weakly (ContentPage.Document): hold them here until all is indexed, so none is parsed twice.
        var documents = new List<MarkdownDocument>();
        foreach (var (relative, text) in files)
        {
            if (loader.Load(relative, text, problems) is { } page)
            {
                pages.Add(page);
                documents.Add(page.Document);
            }
        }

        SiteSections.Link(pages, options);

        // The default language's pages first, so that translations of one entity list in a stable order.
        var entities = pages
            .Where(ContentIndex.IsListed)
            .OrderBy(p => p.Language == options.DefaultLanguage ? 0 : 1)
            .SelectMany(p => EntityExtractor.Extract(p, aliases))
            .ToList();
        LinkTranslationsToSiteSections(entities, options);
        var index = new ContentIndex(pages, entities, problems, options.DefaultLanguage);
        GC.KeepAlive(documents);
        return index;
    }

    /// <summary>
    /// While translated pages are served at the site language's URL, their own heading ids do not
    /// exist there: link such an entity to the same entity's section on the site's page instead.
    /// The entity's key names it better than the position of its heading (the seed groups the
    /// summits differently from the current page), so its section follows, for search answers.
    /// </summary>
    private static void LinkTranslationsToSiteSections(List<ContentEntity> entities, ContentOptions options)
    {
        if (options.LocalizedUrls)
        {
            return;
        }

        var onSite = entities.Where(e => e.Language == options.SiteLanguage).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.First());
        foreach (var entity in entities)
        {
            if (entity.Language != options.SiteLanguage && onSite.TryGetValue(entity.Key, out var original) && original.Section.Page.Url == entity.Section.Page.Url)
            {
                entity.Url = original.Section.Url;
                if (entity.Kind != EntityKind.Treaty && original.Kind != EntityKind.Treaty)
                {
                    entity.Section.Url = original.Section.Url;
                }
            }
        }
    }
}
