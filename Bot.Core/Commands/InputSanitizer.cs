using System.Text;
using Bot.Core.Content;

namespace Bot.Core.Commands;

/// <summary>
/// The one place user text is made safe, whatever the platform: every <see cref="CommandRequest"/>
/// passes its command and arguments through <see cref="Clean"/>. Afterwards the text is valid UTF-16
/// without noncharacters, so nothing downstream (Unicode normalisation, the search index, JSON writers) can throw on it.
/// </summary>
public static class InputSanitizer
{
    /// <summary>The longest text kept; longer input is cut before anything else looks at it.</summary>
    public const int MaxLength = 2 * CommandLine.MaxTextLength;

    /// <summary>
    /// Drops lone surrogates, noncharacters (U+FFFE, U+FDD0, …), bidi overrides and invisible
    /// zero-width characters; turns line breaks into <c>\n</c> and other control characters into
    /// spaces; cuts to <see cref="MaxLength"/> without splitting a surrogate pair; trims.
    /// </summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var span = Cut(text.AsSpan(), MaxLength);
        var index = 0;
        while (index < span.Length && IsPlain(span[index]))
        {
            index++;
        }

        if (index == span.Length)
        {
            var trimmed = span.Trim();
            return trimmed.Length == text.Length ? text : trimmed.ToString();
        }

        var builder = new StringBuilder(span.Length);
        builder.Append(span[..index]);
        for (var i = index; i < span.Length; i++)
        {
            var c = span[i];
            if (char.IsHighSurrogate(c) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
            {
                if (!IsNoncharacter(char.ConvertToUtf32(c, span[i + 1])))
                {
                    builder.Append(c).Append(span[i + 1]);
                }

                i++;
            }
            else if (c == '\r')
            {
                if (i + 1 >= span.Length || span[i + 1] != '\n')
                {
                    builder.Append('\n');
                }
            }
            else if (c is '\n' or '\u2028' or '\u2029')
            {
                builder.Append('\n');
            }
            else if (char.IsControl(c))
            {
                builder.Append(' ');
            }
            else if (!char.IsSurrogate(c) && !IsNoncharacter(c) && !IsInvisible(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Trim();
    }

    /// <summary>The first <paramref name="length"/> characters at most, one fewer when the cut would split a surrogate pair.</summary>
    public static ReadOnlySpan<char> Cut(ReadOnlySpan<char> text, int length)
    {
        if (text.Length <= length)
        {
            return text;
        }

        return char.IsHighSurrogate(text[length - 1]) ? text[..(length - 1)] : text[..length];
    }

    // Printable ASCII and most of the BMP: the fast path that leaves ordinary text untouched.
    private static bool IsPlain(char c) =>
        c is >= ' ' and < '\u007F' || (c >= '\u00A0' && !char.IsSurrogate(c) && !IsNoncharacter(c) && !IsInvisible(c) && c is not ('\u2028' or '\u2029'));

    private static bool IsNoncharacter(int codePoint) => UnicodeText.IsNoncharacter(codePoint);

    // Bidi embeddings, overrides and isolates can reorder the bot's reply around the echoed text;
    // zero-width spaces, word joiners, the BOM and the soft hyphen hide inside words and defeat matching.
    // ZWJ and ZWNJ stay: emoji sequences and Persian script need them.
    private static bool IsInvisible(char c) => c is
        '\u00AD' or '\u061C' or '\u180E' or '\u200B' or '\u200E' or '\u200F'
        or (>= '\u202A' and <= '\u202E') or (>= '\u2060' and <= '\u2064') or (>= '\u2066' and <= '\u2069')
        or '\uFEFF' or (>= '\uFFF9' and <= '\uFFFB');
}
