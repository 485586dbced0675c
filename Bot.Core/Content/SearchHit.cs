namespace Bot.Core.Content;

/// <summary>A section found by full-text search.</summary>
/// <param name="Section">The section.</param>
/// <param name="Score">BM25 score.</param>
/// <param name="Snippet">The sentence that best shows why it matched.</param>
public sealed record SearchHit(ContentSection Section, double Score, string Snippet);
