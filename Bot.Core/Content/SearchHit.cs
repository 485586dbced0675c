namespace Bot.Core.Content;

/// <summary>A section found by full-text search.</summary>
/// <param name="Section">The section, in the user's language when it has a copy there.</param>
/// <param name="Score">BM25F score.</param>
/// <param name="Parts">Whole sentences around the match, with their links.</param>
public sealed record SearchHit(ContentSection Section, double Score, IReadOnlyList<SnippetPart> Parts)
{
    /// <summary>The snippet as plain text.</summary>
    public string Snippet => string.Concat(Parts.Select(p => p.Text));
}
