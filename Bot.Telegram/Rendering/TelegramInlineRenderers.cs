using Markdig.Renderers;
using Markdig.Syntax.Inlines;

namespace Bot.Telegram.Rendering;

internal sealed class LiteralRenderer : MarkdownObjectRenderer<TelegramHtmlRenderer, LiteralInline>
{
    protected override void Write(TelegramHtmlRenderer renderer, LiteralInline obj) =>
        renderer.WriteEscaped(obj.Content.AsSpan());
}

internal sealed class EmphasisRenderer : MarkdownObjectRenderer<TelegramHtmlRenderer, EmphasisInline>
{
    protected override void Write(TelegramHtmlRenderer renderer, EmphasisInline obj)
    {
        var tag = obj.DelimiterChar switch
        {
            '*' or '_' => obj.DelimiterCount >= 2 ? "b" : "i",
            '~' => "s",
            _ => null,
        };
        var opened = tag is not null && renderer.OpenTag(tag);
        renderer.WriteChildren(obj);
        if (opened)
        {
            renderer.CloseTag(tag!);
        }
    }
}

internal sealed class CodeInlineRenderer : MarkdownObjectRenderer<TelegramHtmlRenderer, CodeInline>
{
    protected override void Write(TelegramHtmlRenderer renderer, CodeInline obj)
    {
        renderer.Write("<code>");
        renderer.Write(TelegramHtml.EscapeCode(obj.ContentSpan));
        renderer.Write("</code>");
    }
}

/// <summary>Links with an absolute target become anchors; images and relative links keep only their text.</summary>
internal sealed class LinkRenderer : MarkdownObjectRenderer<TelegramHtmlRenderer, LinkInline>
{
    protected override void Write(TelegramHtmlRenderer renderer, LinkInline obj)
    {
        Uri? url = null;
        var anchor = !obj.IsImage && renderer.LinkDepth == 0 && TelegramHtml.IsLinkable(obj.Url, out url);
        if (anchor && url is not null)
        {
            renderer.Write("<a href=\"").Write(TelegramHtml.EscapeAttribute(url.AbsoluteUri)).Write("\">");
            renderer.LinkDepth++;
        }

        if (obj.FirstChild is null && !obj.IsImage)
        {
            renderer.WriteEscaped(obj.Url);
        }
        else
        {
            renderer.WriteChildren(obj);
        }

        if (anchor)
        {
            renderer.LinkDepth--;
            renderer.Write("</a>");
        }
    }
}

internal sealed class AutolinkRenderer : MarkdownObjectRenderer<TelegramHtmlRenderer, AutolinkInline>
{
    protected override void Write(TelegramHtmlRenderer renderer, AutolinkInline obj)
    {
        var target = obj.IsEmail ? "mailto:" + obj.Url : obj.Url;
        if (renderer.LinkDepth == 0 && TelegramHtml.IsLinkable(target, out var url))
        {
            renderer.Write("<a href=\"").Write(TelegramHtml.EscapeAttribute(url.AbsoluteUri)).Write("\">");
            renderer.WriteEscaped(obj.Url);
            renderer.Write("</a>");
        }
        else
        {
            renderer.WriteEscaped(obj.Url);
        }
    }
}

internal sealed class LineBreakRenderer : MarkdownObjectRenderer<TelegramHtmlRenderer, LineBreakInline>
{
    protected override void Write(TelegramHtmlRenderer renderer, LineBreakInline obj)
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

internal sealed class HtmlEntityRenderer : MarkdownObjectRenderer<TelegramHtmlRenderer, HtmlEntityInline>
{
    protected override void Write(TelegramHtmlRenderer renderer, HtmlEntityInline obj) =>
        renderer.WriteEscaped(obj.Transcoded.AsSpan());
}

/// <summary>An unmatched delimiter (a lone <c>*</c>) is literal text.</summary>
internal sealed class DelimiterRenderer : MarkdownObjectRenderer<TelegramHtmlRenderer, DelimiterInline>
{
    protected override void Write(TelegramHtmlRenderer renderer, DelimiterInline obj)
    {
        renderer.WriteEscaped(obj.ToLiteral());
        renderer.WriteChildren(obj);
    }
}
