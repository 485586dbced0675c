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

    private static readonly MarkdownPipeline Located = new MarkdownPipelineBuilder()
        .UseEmphasisExtras(Markdig.Extensions.EmphasisExtras.EmphasisExtraOptions.Strikethrough)
        .UseAutoLinks()
        .DisableHtml()
        .UsePreciseSourceLocation()
        .Build();

    /// <summary>
    /// The moderator's text with relative links (<c>[protest](/protests)</c>) made absolute on the site, so the
    /// stored text links correctly on every platform. Only the URLs the parser found are rewritten, at their exact
    /// places in the text.
    /// </summary>
    public static string ResolveLinks(string markdown, Uri siteBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var text = new System.Text.StringBuilder(markdown);
        var links = Markdown.Parse(markdown, Located).Descendants<Markdig.Syntax.Inlines.LinkInline>()
            .Where(l => l.Url is { Length: > 0 } && !l.UrlSpan.IsEmpty)
            .OrderByDescending(l => l.UrlSpan.Start);
        foreach (var link in links)
        {
            var span = link.UrlSpan;
            var absolute = Content.SiteLinks.Absolute(siteBaseUrl, link.Url);
            if (absolute != link.Url && span.End < markdown.Length && markdown.AsSpan(span.Start, span.Length).SequenceEqual(link.Url))
            {
                text.Remove(span.Start, span.Length).Insert(span.Start, absolute);
            }
        }

        return text.ToString();
    }

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
