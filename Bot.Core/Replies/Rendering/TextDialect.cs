using Markdig.Renderers;
using Markdig.Syntax.Inlines;

namespace Bot.Core.Replies.Rendering;

/// <summary>
/// What one platform's message text does its own way, for the renderer that walks the blocks for every platform
/// (<see cref="MessageTextRenderer"/>) and for the packer that cuts long text into messages (<see cref="MessagePacker"/>):
/// how literal text is escaped, which markers or tags show emphasis, code and links, what starts a list item or a
/// quoted line, and which constructs a cut must close and reopen. The layout members default to plain text.
/// </summary>
public abstract class TextDialect
{
    /// <summary>
    /// Literal text so the platform shows it as written: text the bot composes or echoes can never format, link,
    /// mention anyone or inject markup.
    /// </summary>
    public abstract string Escape(ReadOnlySpan<char> text);

    /// <summary>Inline code, its markers included.</summary>
    public abstract string InlineCode(string content);

    /// <summary>The marks of an emphasis (<c>*</c> or <c>_</c> once or twice, <c>~~</c>), or null to show only its text.</summary>
    public abstract TextMark? Emphasis(char delimiter, int count);

    /// <summary>
    /// The marks around a link's text (<paramref name="url"/> is its target), or null to show only the text: an image,
    /// a target the platform does not open.
    /// </summary>
    public abstract TextMark? Link(LinkInline link, string? url);

    /// <summary>A URL shown as itself (<paramref name="email"/>: an address), linked where the platform can.</summary>
    public abstract string Autolink(string url, bool email);

    /// <summary>Bold, for headings and a table's header row; null where they show as plain text.</summary>
    public virtual TextMark? Strong => Emphasis('*', 2);

    /// <summary>What starts an item of an unordered list.</summary>
    public virtual string Bullet => "- ";

    /// <summary>The indent of an item's further lines, under the <paramref name="bullet"/> that started it.</summary>
    public virtual string ItemIndent(string bullet) => new(' ', bullet.Length);

    /// <summary>What starts every line of a quote.</summary>
    public virtual string QuotePrefix => "> ";

    /// <summary>The line a thematic break becomes.</summary>
    public virtual string ThematicBreak => "---";

    /// <summary>Between the cells of a table row.</summary>
    public virtual string TableSeparator => " | ";

    /// <summary>Quotes and code blocks must start a line of their own (in Markdown their markers count only there).</summary>
    public virtual bool BlocksStartLine => false;

    /// <summary>How a code block is written; <paramref name="info"/> is a fenced block's info string (its language).</summary>
    public virtual CodeBlockStyle CodeBlock(string? info) => CodeBlockStyle.Indented;

    /// <summary>One line of a code block, so the platform shows it as written.</summary>
    public virtual string CodeLine(string line) => line;

    /// <summary>
    /// Renderers for inlines this platform shows its own way (a time, a mass mention), tried before the shared ones.
    /// Without one, such an inline (a <see cref="LiteralInline"/>) shows its text, escaped.
    /// </summary>
    public virtual IEnumerable<IMarkdownObjectRenderer> InlineRenderers => [];

    /// <summary>
    /// Moves past the unit of rendered <paramref name="text"/> at <paramref name="i"/> that no cut may fall inside (a
    /// character, a surrogate pair, and in the dialects that have them an escape, a tag, an entity), and records in
    /// <paramref name="open"/> the constructs it opens or closes.
    /// </summary>
    public virtual int Advance(string text, int i, List<OpenMarkup> open)
    {
        ArgumentNullException.ThrowIfNull(text);
        return char.IsHighSurrogate(text[i]) && i + 1 < text.Length ? i + 2 : i + 1;
    }
}
