namespace Bot.Core.Content;

/// <summary>An entity that matched a query, in the language chosen for the answer.</summary>
/// <param name="Entity">The entity to answer from.</param>
/// <param name="Score">How well it matched (higher is better; 3 a word is an exact name match).</param>
/// <param name="FromOtherLanguage">True when the user's language has no page about it.</param>
public sealed record EntityMatch(ContentEntity Entity, double Score, bool FromOtherLanguage);
