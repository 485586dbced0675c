using Bot.Core.Replies;
using System.Text;
using Markdig.Syntax;

namespace Bot.Discord.Rendering;

/// <summary>Discord Markdown helpers: escaping literal text and rendering Markdig blocks.</summary>
internal static class DiscordMarkdown
{
    /// <summary>
    /// Escapes text so Discord shows it as written: every markdown marker gets a backslash, <c>@</c> and
    /// <c>&lt;</c> too (so <c>@everyone</c> and <c>&lt;@id&gt;</c> are text, not mentions), and a hyphen only
    /// where it could start a list (not inside words like <c>AI-top</c>).
    /// </summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 8);
        var leadingDigits = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\\' or '*' or '_' or '~' or '`' or '|' or '>' or '<' or '#' or '[' or ']' or '@':
                    builder.Append('\\').Append(c);
                    break;
                case '-' when i > 0 && i < text.Length - 1 && char.IsLetterOrDigit(text[i - 1]) && char.IsLetterOrDigit(text[i + 1]):
                    builder.Append(c);
                    break;
                case '-' or '+':
                    builder.Append('\\').Append(c);
                    break;
                case '.' when leadingDigits && i > 0:
                    builder.Append("\\.");
                    break;
                case '\n' or '\r':
                    builder.Append(' ');
                    break;
                default:
                    builder.Append(c);
                    break;
            }

            leadingDigits = leadingDigits && char.IsAsciiDigit(c);
        }

        return builder.ToString();
    }

    /// <summary>Renders blocks as Discord Markdown, separated by blank lines; raw HTML renders as nothing.</summary>
    public static string Render(IEnumerable<Block> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        using var writer = new StringWriter();
        var renderer = new DiscordMarkdownRenderer(writer);
        renderer.WriteBlocks(blocks);
        writer.Flush();
        return writer.ToString().Trim('\n', ' ');
    }

    /// <summary>Renders one block (for splitting long answers at block boundaries).</summary>
    public static string Render(Block block) => Render([block]);

    /// <summary>Cuts text to at most <paramref name="max"/> characters, ending with … and never in the middle of an escape or surrogate pair.</summary>
    public static string Truncate(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= max)
        {
            return text;
        }

        var cut = max - 1;
        cut = SafeCut(text, cut);
        return text[..cut].TrimEnd() + "…";
    }

    /// <summary>Moves a cut position left so it splits neither a backslash escape nor a surrogate pair.</summary>
    public static int SafeCut(string text, int cut)
    {
        ArgumentNullException.ThrowIfNull(text);
        cut = Math.Clamp(cut, 0, text.Length);
        if (cut > 0 && cut < text.Length && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        var backslashes = 0;
        while (cut - 1 - backslashes >= 0 && text[cut - 1 - backslashes] == '\\')
        {
            backslashes++;
        }

        return backslashes % 2 == 1 ? cut - 1 : cut;
    }
}
