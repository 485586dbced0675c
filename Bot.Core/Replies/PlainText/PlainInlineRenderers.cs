using Markdig.Renderers;
using Markdig.Syntax.Inlines;

namespace Bot.Core.Replies.PlainText;

internal sealed class PlainLiteralRenderer : MarkdownObjectRenderer<PlainTextRenderer, LiteralInline>
{
    protected override void Write(PlainTextRenderer renderer, LiteralInline obj) => renderer.Write(ref obj.Content);
}

internal sealed class PlainEmphasisRenderer : MarkdownObjectRenderer<PlainTextRenderer, EmphasisInline>
{
    protected override void Write(PlainTextRenderer renderer, EmphasisInline obj)
    {
        // A terminal cannot strike through; keep the page's marks so the reader sees what was dropped.
        var mark = obj.DelimiterChar == '~' ? "~~" : string.Empty;
        renderer.Write(mark);
        renderer.WriteChildren(obj);
        renderer.Write(mark);
    }
}

internal sealed class PlainCodeInlineRenderer : MarkdownObjectRenderer<PlainTextRenderer, CodeInline>
{
    protected override void Write(PlainTextRenderer renderer, CodeInline obj) => renderer.Write(obj.Content);
}

internal sealed class PlainLinkRenderer : MarkdownObjectRenderer<PlainTextRenderer, LinkInline>
{
    protected override void Write(PlainTextRenderer renderer, LinkInline obj)
    {
        if (obj.IsImage)
        {
            renderer.WriteChildren(obj);
            return;
        }

        renderer.WriteChildren(obj);
        if (!string.IsNullOrEmpty(obj.Url) && Content.InlineText.Split(obj).Live != obj.Url)
        {
            renderer.Write(" (").Write(obj.Url).Write(")");
        }
    }
}

internal sealed class PlainAutolinkRenderer : MarkdownObjectRenderer<PlainTextRenderer, AutolinkInline>
{
    protected override void Write(PlainTextRenderer renderer, AutolinkInline obj) => renderer.Write(obj.Url);
}

internal sealed class PlainLineBreakRenderer : MarkdownObjectRenderer<PlainTextRenderer, LineBreakInline>
{
    // The pages put one sentence per line; a soft break is a space, a hard break a new line.
    protected override void Write(PlainTextRenderer renderer, LineBreakInline obj)
    {
        if (obj.IsHard)
        {
            renderer.WriteLine();
        }
        else
        {
            renderer.Write(' ');
        }
    }
}

internal sealed class PlainHtmlEntityRenderer : MarkdownObjectRenderer<PlainTextRenderer, HtmlEntityInline>
{
    protected override void Write(PlainTextRenderer renderer, HtmlEntityInline obj) => renderer.Write(obj.Transcoded.ToString());
}
