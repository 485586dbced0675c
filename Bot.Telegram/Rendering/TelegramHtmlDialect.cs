using Bot.Core.Replies.Rendering;
using Markdig.Syntax.Inlines;

namespace Bot.Telegram.Rendering;

/// <summary>
/// Telegram's HTML subset (<c>b i s a code pre</c>) for the shared renderer: every literal <c>&lt; &gt; &amp;</c>
/// escaped and mentions defused (<see cref="TelegramHtml.Escape(ReadOnlySpan{char})"/>), headings as bold lines,
/// lists as indented bullets and quotes behind a bar (Telegram has none of the three). A cut between messages never
/// falls inside a tag, an entity or a link, and closes the tags open there and reopens them in the next message.
/// </summary>
internal sealed class TelegramHtmlDialect : TextDialect
{
    private static readonly TextMark Bold = new("<b>", "</b>");
    private static readonly TextMark Italic = new("<i>", "</i>");
    private static readonly TextMark Strike = new("<s>", "</s>");

    private TelegramHtmlDialect()
    {
    }

    public static TelegramHtmlDialect Instance { get; } = new();

    public override string Bullet => "• ";

    public override string QuotePrefix => "┃ ";

    public override string ThematicBreak => "⸻";

    public override string Escape(ReadOnlySpan<char> text) => TelegramHtml.Escape(text);

    public override string InlineCode(string content) => "<code>" + TelegramHtml.EscapeCode(content) + "</code>";

    public override TextMark? Emphasis(char delimiter, int count) => delimiter switch
    {
        '*' or '_' => count >= 2 ? Bold : Italic,
        '~' => Strike,
        _ => null,
    };

    /// <summary>Links with an absolute target become anchors; images and relative links keep only their text.</summary>
    public override TextMark? Link(LinkInline link, string? url)
    {
        ArgumentNullException.ThrowIfNull(link);
        return !link.IsImage && TelegramHtml.IsLinkable(url, out var target) ? new TextMark(TelegramHtml.OpenAnchor(target), "</a>") : null;
    }

    public override string Autolink(string url, bool email) =>
        TelegramHtml.IsLinkable(email ? "mailto:" + url : url, out var target) ? TelegramHtml.Link(target, url) : Escape(url);

    /// <summary>A bullet is wider than a space in Telegram's font: one more space keeps the lines under the text.</summary>
    public override string ItemIndent(string bullet) => base.ItemIndent(bullet) + " ";

    public override CodeBlockStyle CodeBlock(string? info) => new("<pre>", "</pre>", Verbatim: true);

    public override string CodeLine(string line) => TelegramHtml.EscapeCode(line);

    /// <summary>Moves past one character, tag, entity or surrogate pair, keeping the tags open; a link may not be cut.</summary>
    public override int Advance(string text, int i, List<OpenMarkup> open)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(open);
        switch (text[i])
        {
            case '<':
                return Tag(text, i, open);
            case '&':
                var semicolon = text.IndexOf(';', i);
                return semicolon < 0 || semicolon - i > 10 ? i + 1 : semicolon + 1;
            default:
                return base.Advance(text, i, open);
        }
    }

    /// <summary>Moves past the tag at <paramref name="i"/>: an opening one is open until its closing one.</summary>
    private static int Tag(string text, int i, List<OpenMarkup> open)
    {
        var end = text.IndexOf('>', i);
        if (end < 0)
        {
            return text.Length;
        }

        var tag = text[i..(end + 1)];
        var closing = tag.Length > 1 && tag[1] == '/';
        var nameStart = closing ? 2 : 1;
        var nameEnd = nameStart;
        while (nameEnd < tag.Length && char.IsLetter(tag[nameEnd]))
        {
            nameEnd++;
        }

        var name = tag[nameStart..nameEnd];
        if (!closing)
        {
            open.Add(new OpenMarkup(name, tag, $"</{name}>", Unbreakable: name == "a"));
        }
        else if (open.FindLastIndex(t => t.Name == name) is var index and >= 0)
        {
            open.RemoveAt(index);
        }

        return end + 1;
    }
}
