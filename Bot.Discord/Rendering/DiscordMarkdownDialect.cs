using Bot.Core.Replies.Rendering;
using Markdig.Renderers;
using Markdig.Syntax.Inlines;

namespace Bot.Discord.Rendering;

/// <summary>
/// Discord Markdown for the shared renderer: every literal escaped (<see cref="DiscordMarkdown.Escape"/>), masked links,
/// <c>~~strike~~</c>, bold headings, indented lists, fenced code; event times as Discord timestamps and a mass mention
/// the moderator asked for written raw. A cut between messages never falls inside an escape, a link, inline code or a
/// <c>&lt;…&gt;</c>, and closes the emphasis or code fence open there and reopens it in the next message.
/// </summary>
internal sealed class DiscordMarkdownDialect : TextDialect
{
    private const string Fence = "```";
    private static readonly TextMark Bold = new("**", "**");
    private static readonly TextMark Italic = new("*", "*");
    private static readonly TextMark Strike = new("~~", "~~");

    private DiscordMarkdownDialect()
    {
    }

    public static DiscordMarkdownDialect Instance { get; } = new();

    public override string ThematicBreak => "⎯⎯⎯";

    public override string TableSeparator => " \\| ";

    public override bool BlocksStartLine => true;

    public override IEnumerable<IMarkdownObjectRenderer> InlineRenderers => [new DiscordMassMentionRenderer(), new DiscordEventTimeRenderer()];

    public override string Escape(ReadOnlySpan<char> text) => DiscordMarkdown.Escape(text);

    /// <summary>Inline code on one line, in a double fence when it holds a backtick; no run of backticks inside can end it.</summary>
    public override string InlineCode(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        content = content.Replace('\n', ' ');
        if (content.Length == 0)
        {
            return string.Empty;
        }

        var fence = content.Contains('`', StringComparison.Ordinal) ? "``" : "`";
        var pad = fence.Length == 2 ? " " : string.Empty;
        return fence + pad + BreakRuns(content, "``") + pad + fence;
    }

    public override TextMark? Emphasis(char delimiter, int count) => (delimiter, count) switch
    {
        ('~', _) => Strike,
        ('*' or '_', >= 2) => Bold,
        ('*' or '_', 1) => Italic,
        _ => null,
    };

    /// <summary>Absolute http(s) links become masked links <c>[text](url)</c>; anything else keeps only its text.</summary>
    public override TextMark? Link(LinkInline link, string? url) =>
        DiscordMarkdown.SafeUrl(url) is { } safe ? new TextMark("[", "](" + safe + ")") : null;

    public override string Autolink(string url, bool email) =>
        (email ? null : DiscordMarkdown.SafeUrl(url)) ?? Escape(url);

    /// <summary>Code goes in a fence with its language, when that is a plain word.</summary>
    public override CodeBlockStyle CodeBlock(string? info) =>
        new(Fence + (info is { Length: > 0 } && info.All(char.IsAsciiLetterOrDigit) ? info : string.Empty), Fence, OwnLines: true);

    /// <summary>A fence inside the code is broken with a zero-width space so it cannot end ours.</summary>
    public override string CodeLine(string line) => BreakRuns(line, Fence);

    /// <summary>
    /// Moves past one character, escape, inline code, masked link or <c>&lt;…&gt;</c> (a link, a timestamp), keeping
    /// the emphasis and code fence open; inside a fence every character is code.
    /// </summary>
    public override int Advance(string text, int i, List<OpenMarkup> open)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(open);
        var inFence = open.Count > 0 && open[^1].Name == Fence;
        if (At(text, i, Fence))
        {
            if (inFence)
            {
                open.RemoveAt(open.Count - 1);
                return i + Fence.Length;
            }

            // The opening line with its language is one unit; the next message reopens the fence with it.
            var end = text.IndexOf('\n', i);
            end = end < 0 ? text.Length : end + 1;
            var opening = text[i..end];
            open.Add(new OpenMarkup(Fence, opening.EndsWith('\n') ? opening : opening + "\n", "\n" + Fence));
            return end;
        }

        if (inFence)
        {
            return base.Advance(text, i, open);
        }

        switch (text[i])
        {
            case '\\' when i + 1 < text.Length:
                return base.Advance(text, i + 1, open);
            case '`':
                var tick = At(text, i, "``") ? "``" : "`";
                var close = text.IndexOf(tick, i + tick.Length, StringComparison.Ordinal);
                return close < 0 ? i + tick.Length : close + tick.Length;
            case '[':
                return LinkEnd(text, i) is { } linkEnd ? linkEnd : i + 1;
            case '<':
                var angle = text.IndexOf('>', i);
                return angle < 0 ? i + 1 : angle + 1;
            case '*':
                return Toggle(open, At(text, i, "**") ? "**" : "*", i);
            case '~' when At(text, i, "~~"):
                return Toggle(open, "~~", i);
            default:
                return base.Advance(text, i, open);
        }
    }

    private static bool At(string text, int i, string marker) => string.CompareOrdinal(text, i, marker, 0, marker.Length) == 0;

    /// <summary>Opens the emphasis <paramref name="marker"/>, or closes it when it is open.</summary>
    private static int Toggle(List<OpenMarkup> open, string marker, int i)
    {
        var index = open.FindLastIndex(m => m.Name == marker);
        if (index >= 0)
        {
            open.RemoveAt(index);
        }
        else
        {
            open.Add(new OpenMarkup(marker, marker, marker));
        }

        return i + marker.Length;
    }

    /// <summary>Where a masked link <c>[text](url)</c> starting at <paramref name="i"/> ends (its text's escapes skipped).</summary>
    private static int? LinkEnd(string text, int i)
    {
        for (var j = i + 1; j < text.Length - 1; j++)
        {
            if (text[j] == '\\')
            {
                j++;
            }
            else if (text[j] == ']' && text[j + 1] == '(')
            {
                var end = text.IndexOf(')', j + 2);
                return end < 0 ? null : end + 1;
            }
        }

        return null;
    }

    /// <summary>Puts a zero-width space into every run of backticks as long as <paramref name="run"/>, however long the run.</summary>
    private static string BreakRuns(string text, string run)
    {
        var broken = run[0] + "\u200b" + run[1..];
        while (text.Contains(run, StringComparison.Ordinal))
        {
            text = text.Replace(run, broken, StringComparison.Ordinal);
        }

        return text;
    }
}
