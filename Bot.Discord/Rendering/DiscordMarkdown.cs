using System.Text;
using Bot.Core.Replies.Rendering;
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
    public static string Escape(ReadOnlySpan<char> text)
    {
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
    public static string Render(IEnumerable<Block> blocks) => MessageTextRenderer.Render(blocks, DiscordMarkdownDialect.Instance);

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
    private static int SafeCut(string text, int cut)
    {
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

    /// <summary>The URL percent-encoded where it could end a masked link early, or null when it is not absolute http(s).</summary>
    public static string? SafeUrl(string? url)
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
