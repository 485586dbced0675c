using Markdig.Renderers;
using Markdig.Syntax.Inlines;

namespace Bot.Core.Replies.Rendering;

internal sealed class LiteralRenderer : MarkdownObjectRenderer<MessageTextRenderer, LiteralInline>
{
    protected override void Write(MessageTextRenderer renderer, LiteralInline obj) =>
        renderer.Write(renderer.Dialect.Escape(obj.Content.AsSpan()));
}

internal sealed class EmphasisRenderer : MarkdownObjectRenderer<MessageTextRenderer, EmphasisInline>
{
    protected override void Write(MessageTextRenderer renderer, EmphasisInline obj)
    {
        var mark = renderer.Dialect.Emphasis(obj.DelimiterChar, obj.DelimiterCount);
        var opened = renderer.Open(mark);
        renderer.WriteChildren(obj);
        if (opened)
        {
            renderer.Close(mark!);
        }
    }
}

internal sealed class CodeInlineRenderer : MarkdownObjectRenderer<MessageTextRenderer, CodeInline>
{
    protected override void Write(MessageTextRenderer renderer, CodeInline obj) =>
        renderer.Write(renderer.Dialect.InlineCode(obj.Content));
}

/// <summary>A link's text between the dialect's marks; a link without text shows its URL; links never nest.</summary>
internal sealed class LinkRenderer : MarkdownObjectRenderer<MessageTextRenderer, LinkInline>
{
    protected override void Write(MessageTextRenderer renderer, LinkInline obj)
    {
        var url = obj.GetDynamicUrl?.Invoke() ?? obj.Url;
        if (obj.FirstChild is null && !obj.IsImage)
        {
            var text = url ?? string.Empty;
            renderer.Write(renderer.InLink ? renderer.Dialect.Escape(text) : renderer.Dialect.Autolink(text, email: false));
            return;
        }

        var mark = renderer.InLink ? null : renderer.Dialect.Link(obj, url);
        if (mark is null)
        {
            renderer.WriteChildren(obj);
            return;
        }

        renderer.Write(mark.Open);
        renderer.InLink = true;
        renderer.WriteChildren(obj);
        renderer.InLink = false;
        renderer.Write(mark.Close);
    }
}

internal sealed class AutolinkRenderer : MarkdownObjectRenderer<MessageTextRenderer, AutolinkInline>
{
    protected override void Write(MessageTextRenderer renderer, AutolinkInline obj) =>
        renderer.Write(renderer.InLink ? renderer.Dialect.Escape(obj.Url) : renderer.Dialect.Autolink(obj.Url, obj.IsEmail));
}

/// <summary>The pages put one sentence per line: a soft break is a space, a hard break a new line.</summary>
internal sealed class LineBreakRenderer : MarkdownObjectRenderer<MessageTextRenderer, LineBreakInline>
{
    protected override void Write(MessageTextRenderer renderer, LineBreakInline obj)
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

internal sealed class HtmlEntityRenderer : MarkdownObjectRenderer<MessageTextRenderer, HtmlEntityInline>
{
    protected override void Write(MessageTextRenderer renderer, HtmlEntityInline obj) =>
        renderer.Write(renderer.Dialect.Escape(obj.Transcoded.AsSpan()));
}

/// <summary>An unmatched delimiter (a lone <c>*</c>) is literal text.</summary>
internal sealed class DelimiterRenderer : MarkdownObjectRenderer<MessageTextRenderer, DelimiterInline>
{
    protected override void Write(MessageTextRenderer renderer, DelimiterInline obj)
    {
        renderer.Write(renderer.Dialect.Escape(obj.ToLiteral()));
        renderer.WriteChildren(obj);
    }
}
