using Markdig.Renderers;
using Markdig.Syntax.Inlines;

namespace Bot.Discord.Rendering;

/// <summary>An event's time as Discord timestamps, which every reader sees in their own time zone.</summary>
internal sealed class DiscordEventTimeRenderer : MarkdownObjectRenderer<DiscordMarkdownRenderer, Bot.Core.Events.EventTimeInline>
{
    protected override void Write(DiscordMarkdownRenderer renderer, Bot.Core.Events.EventTimeInline obj) =>
        renderer.Write(DiscordTimestamp.Full(obj.Instant)).Write(" (").Write(DiscordTimestamp.Relative(obj.Instant)).Write(")");
}

internal sealed class DiscordLiteralRenderer : MarkdownObjectRenderer<DiscordMarkdownRenderer, LiteralInline>
{
    protected override void Write(DiscordMarkdownRenderer renderer, LiteralInline obj) =>
        renderer.Write(DiscordMarkdown.Escape(obj.Content.ToString()));
}

/// <summary>
/// A mass mention a moderator asked for with an explicit option: written raw so Discord can ping, which it
/// only does when the message's <c>allowed_mentions</c> says so (<see cref="Bot.Core.Replies.Reply.MassMention"/>).
/// Registered before <see cref="DiscordLiteralRenderer"/>, which escapes every other literal.
/// </summary>
internal sealed class DiscordMassMentionRenderer : MarkdownObjectRenderer<DiscordMarkdownRenderer, Bot.Core.Replies.MassMentionInline>
{
    protected override void Write(DiscordMarkdownRenderer renderer, Bot.Core.Replies.MassMentionInline obj) =>
        renderer.Write(obj.Here ? "@here" : "@everyone");
}

internal sealed class DiscordEmphasisRenderer : MarkdownObjectRenderer<DiscordMarkdownRenderer, EmphasisInline>
{
    protected override void Write(DiscordMarkdownRenderer renderer, EmphasisInline obj)
    {
        var mark = (obj.DelimiterChar, obj.DelimiterCount) switch
        {
            ('~', _) => "~~",
            ('*' or '_', >= 2) => "**",
            ('*' or '_', 1) => "*",
            _ => string.Empty,
        };
        renderer.Write(mark);
        renderer.WriteChildren(obj);
        renderer.Write(mark);
    }
}

internal sealed class DiscordCodeInlineRenderer : MarkdownObjectRenderer<DiscordMarkdownRenderer, CodeInline>
{
    protected override void Write(DiscordMarkdownRenderer renderer, CodeInline obj)
    {
        var content = obj.Content.Replace('\n', ' ');
        if (content.Length == 0)
        {
            return;
        }

        var fence = content.Contains('`', StringComparison.Ordinal) ? "``" : "`";
        var pad = fence.Length == 2 ? " " : string.Empty;
        renderer.Write(fence).Write(pad).Write(content.Replace("``", "`\u200b`", StringComparison.Ordinal)).Write(pad).Write(fence);
    }
}

/// <summary>Absolute http(s) links become masked links <c>[text](url)</c>; anything else keeps only its text.</summary>
internal sealed class DiscordLinkRenderer : MarkdownObjectRenderer<DiscordMarkdownRenderer, LinkInline>
{
    protected override void Write(DiscordMarkdownRenderer renderer, LinkInline obj)
    {
        var url = SafeUrl(obj.GetDynamicUrl?.Invoke() ?? obj.Url);
        if (url is null || renderer.InLink)
        {
            renderer.WriteChildren(obj);
            return;
        }

        if (obj.FirstChild is null)
        {
            renderer.Write('<').Write(url).Write('>');
            return;
        }

        renderer.InLink = true;
        renderer.Write('[');
        renderer.WriteChildren(obj);
        renderer.Write("](").Write(url).Write(')');
        renderer.InLink = false;
    }

    /// <summary>The URL percent-encoded where it could end the link early, or null when it is not absolute http(s).</summary>
    internal static string? SafeUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return null;
        }

        return uri.AbsoluteUri
            .Replace("(", "%28", StringComparison.Ordinal)
            .Replace(")", "%29", StringComparison.Ordinal)
            .Replace(" ", "%20", StringComparison.Ordinal)
            .Replace("<", "%3C", StringComparison.Ordinal)
            .Replace(">", "%3E", StringComparison.Ordinal);
    }
}

internal sealed class DiscordAutolinkRenderer : MarkdownObjectRenderer<DiscordMarkdownRenderer, AutolinkInline>
{
    protected override void Write(DiscordMarkdownRenderer renderer, AutolinkInline obj)
    {
        var url = obj.IsEmail ? null : DiscordLinkRenderer.SafeUrl(obj.Url);
        renderer.Write(url ?? DiscordMarkdown.Escape(obj.Url));
    }
}

/// <summary>The pages put one sentence per line: a soft break is a space, a hard break a new line.</summary>
internal sealed class DiscordLineBreakRenderer : MarkdownObjectRenderer<DiscordMarkdownRenderer, LineBreakInline>
{
    protected override void Write(DiscordMarkdownRenderer renderer, LineBreakInline obj)
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

internal sealed class DiscordHtmlEntityRenderer : MarkdownObjectRenderer<DiscordMarkdownRenderer, HtmlEntityInline>
{
    protected override void Write(DiscordMarkdownRenderer renderer, HtmlEntityInline obj) =>
        renderer.Write(DiscordMarkdown.Escape(obj.Transcoded.ToString()));
}
