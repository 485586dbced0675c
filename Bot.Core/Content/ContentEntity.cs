using Markdig.Syntax;

namespace Bot.Core.Content;

/// <summary>A summit, treaty or agenda found in a page's text.</summary>
public sealed class ContentEntity
{
    internal ContentEntity(EntityKind kind, string key, string name, int? year, ContentSection section, IReadOnlyList<Block> body, IReadOnlyDictionary<string, double> keywords, string? place = null)
    {
        Place = place;
        Kind = kind;
        Key = key;
        Name = name;
        Year = year;
        Section = section;
        Body = body;
        Keywords = keywords;
        Url = section.Url;
    }

    /// <summary>Summit, treaty or agenda.</summary>
    public EntityKind Kind { get; }

    /// <summary>The same in every language (<c>summit-2024-korea</c>), so translations are one entity.</summary>
    public string Key { get; }

    /// <summary>The display name (heading or bold name), struck words left out.</summary>
    public string Name { get; }

    /// <summary>The live year, if the text gives one.</summary>
    public int? Year { get; }

    /// <summary>The place group of <c>aliases.yaml</c> its heading names (<c>uk</c>, <c>korea</c>), for summits; else null.</summary>
    public string? Place { get; }

    /// <summary>Where it is described.</summary>
    public ContentSection Section { get; }

    /// <summary>The blocks that answer a question about it (read only).</summary>
    public IReadOnlyList<Block> Body { get; }

    /// <summary>The page's language.</summary>
    public string Language => Section.Page.Language;

    /// <summary>Normalized words that identify it, with their weight (3 = heading or name, 1 = mentioned).</summary>
    internal IReadOnlyDictionary<string, double> Keywords { get; }

    /// <summary>The deep link for the answer.</summary>
    public Uri Url { get; internal set; }
}
