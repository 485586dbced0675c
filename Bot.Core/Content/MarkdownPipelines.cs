using Markdig;
using Markdig.Extensions.AutoIdentifiers;

namespace Bot.Core.Content;

/// <summary>The one Markdig pipeline for the website's pages.</summary>
internal static class MarkdownPipelines
{
    /// <summary>
    /// Front matter, strikethrough, tables, bare URLs, GitHub-style heading ids, and
    /// <c>{#id}</c> attributes (which must come last, and win over generated ids).
    /// </summary>
    public static MarkdownPipeline Pages { get; } = new MarkdownPipelineBuilder()
        .UseYamlFrontMatter()
        .UseEmphasisExtras(Markdig.Extensions.EmphasisExtras.EmphasisExtraOptions.Strikethrough)
        .UsePipeTables()
        .UseAutoLinks()
        .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
        .UseGenericAttributes()
        .Build();
}
