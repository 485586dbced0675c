using Bot.Core.Replies;
using Markdig;
using Markdig.Syntax;

namespace Bot.Core.Moderation;

/// <summary>
/// The one place user text is parsed as Markdown: a moderator's announcement. Raw HTML is disabled (it stays
/// literal text, which renderers escape), so only Markdown structure comes through; mentions in the text stay
/// literals that every renderer neutralises.
/// </summary>
internal static class AnnouncementMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseEmphasisExtras(Markdig.Extensions.EmphasisExtras.EmphasisExtraOptions.Strikethrough)
        .UseAutoLinks()
        .DisableHtml()
        .Build();

    /// <summary>The blocks of <paramref name="markdown"/>, preceded by the mass mention when one was asked for.</summary>
    public static IReadOnlyList<Block> Parse(string markdown, MassMention mention)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var document = Markdown.Parse(markdown, Pipeline);
        var blocks = new List<Block>();
        if (mention != MassMention.None)
        {
            blocks.Add(ReplyText.Paragraph(new MassMentionInline(mention == MassMention.Here)));
        }

        while (document.Count > 0)
        {
            var block = document[0];
            document.RemoveAt(0);
            blocks.Add(block);
        }

        return blocks;
    }
}
