using Markdig.Extensions.Yaml;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Bot.Core.Replies;

/// <summary>
/// Renders nothing, on every platform, for what never reaches a user: raw HTML (Svelte components,
/// iframes, comments), front matter and link definitions.
/// </summary>
public sealed class NeverShownRenderer : IMarkdownObjectRenderer
{
    /// <summary>Whether a node is one of those never shown.</summary>
    public static bool IsNeverShown(MarkdownObject node) =>
        node is HtmlBlock or HtmlInline or YamlFrontMatterBlock or LinkReferenceDefinitionGroup or LinkReferenceDefinition;

    /// <inheritdoc />
    public bool Accept(RendererBase renderer, Type objectType) =>
        typeof(HtmlBlock).IsAssignableFrom(objectType)
        || typeof(HtmlInline).IsAssignableFrom(objectType)
        || typeof(YamlFrontMatterBlock).IsAssignableFrom(objectType)
        || typeof(LinkReferenceDefinitionGroup).IsAssignableFrom(objectType)
        || typeof(LinkReferenceDefinition).IsAssignableFrom(objectType);

    /// <inheritdoc />
    public void Write(RendererBase renderer, MarkdownObject objectToRender)
    {
    }
}
