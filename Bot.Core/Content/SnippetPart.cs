namespace Bot.Core.Content;

/// <summary>A piece of a search snippet: text, and the link it carries on the page, if any.</summary>
/// <param name="Text">The text as shown.</param>
/// <param name="Link">The absolute link of that text, or null.</param>
public sealed record SnippetPart(string Text, Uri? Link);
