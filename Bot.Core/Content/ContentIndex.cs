namespace Bot.Core.Content;

/// <summary>
/// Everything the bot knows from its pages: sections, entities and the search index.
/// Built once by <see cref="ContentLoader"/>; read only and safe to share between threads.
/// </summary>
public sealed class ContentIndex
{
    private readonly EntityResolver _resolver;
    private readonly SearchIndex _search;

    internal ContentIndex(IReadOnlyList<ContentPage> pages, IReadOnlyList<ContentEntity> entities, IReadOnlyList<ContentProblem> problems, string defaultLanguage)
    {
        Pages = pages;
        Entities = entities;
        Problems = problems;
        DefaultLanguage = defaultLanguage;
        var listed = pages.Where(IsListed).ToList();
        _resolver = new EntityResolver(entities, defaultLanguage);
        _search = new SearchIndex(listed.SelectMany(p => p.Sections));
    }

    /// <summary>Every page that loaded.</summary>
    public IReadOnlyList<ContentPage> Pages { get; }

    /// <summary>Every summit, treaty and agenda found, in every language.</summary>
    public IReadOnlyList<ContentEntity> Entities { get; }

    /// <summary>What was wrong with the content (pages that failed are not in <see cref="Pages"/>).</summary>
    public IReadOnlyList<ContentProblem> Problems { get; }

    /// <summary>The language answers fall back to.</summary>
    public string DefaultLanguage { get; }

    /// <summary>Looks a name up among the entities of one kind.</summary>
    public EntityResolution Resolve(EntityKind kind, string query, string language) => _resolver.Resolve(kind, query, language);

    /// <summary>Every entity of a kind once, in the language chosen for the user.</summary>
    public IReadOnlyList<EntityMatch> All(EntityKind kind, string language) => _resolver.All(kind, language);

    /// <summary>Full-text search over every section of every listed page.</summary>
    public IReadOnlyList<SearchHit> Search(string query, string language, int max = 3) => _search.Search(query, language, max);

    /// <summary>Pages named <c>debug.*</c> are not listed on the site, so the bot does not answer from them.</summary>
    internal static bool IsListed(ContentPage page) => !page.Slug.StartsWith("debug.", StringComparison.OrdinalIgnoreCase);
}
