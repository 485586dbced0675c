using Bot.Core.Content;
using Bot.Core.Replies.Rendering;
using Markdig.Syntax.Inlines;

namespace Bot.Core.Replies.PlainText;

/// <summary>
/// Plain text for a terminal: nothing to escape, no bold or italics (struck-through text keeps its <c>~~</c> so the
/// reader sees what was dropped), links as <c>text (url)</c>, indented bullets and code.
/// </summary>
public sealed class PlainTextDialect : TextDialect
{
    private static readonly TextMark Strike = new("~~", "~~");

    private PlainTextDialect()
    {
    }

    public static PlainTextDialect Instance { get; } = new();

    public override string Escape(ReadOnlySpan<char> text) => text.ToString();

    public override string InlineCode(string content) => content;

    public override TextMark? Emphasis(char delimiter, int count) => delimiter == '~' ? Strike : null;

    /// <summary>The URL after the text, unless the text is the URL.</summary>
    public override TextMark? Link(LinkInline link, string? url)
    {
        ArgumentNullException.ThrowIfNull(link);
        return link.IsImage || string.IsNullOrEmpty(url) || InlineText.Split(link).Live == url ? null : new TextMark(string.Empty, $" ({url})");
    }

    public override string Autolink(string url, bool email) => url;
}
