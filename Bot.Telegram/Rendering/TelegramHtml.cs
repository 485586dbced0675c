using System.Text;

namespace Bot.Telegram.Rendering;

/// <summary>Escaping rules of Telegram's HTML parse mode.</summary>
internal static class TelegramHtml
{
    /// <summary>Telegram's limit for one message text.</summary>
    public const int MaxMessageLength = 4096;

    /// <summary>Telegram's limit on a media caption, in characters after parsing (the markup does not count).</summary>
    public const int MaxCaptionLength = 1024;

    /// <summary>
    /// How many characters Telegram counts in <paramref name="html"/> once parsed: tags left out, each entity
    /// (<c>&amp;lt;</c>, <c>&amp;#39;</c>) one character, in UTF-16 units as Telegram counts them.
    /// </summary>
    public static int VisibleLength(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var length = 0;
        for (var i = 0; i < html.Length; i++)
        {
            switch (html[i])
            {
                case '<':
                    var close = html.IndexOf('>', i);
                    i = close < 0 ? html.Length : close;
                    break;
                case '&':
                    var end = html.IndexOf(';', i);
                    i = end < 0 ? i : end;
                    length++;
                    break;
                default:
                    length++;
                    break;
            }
        }

        return length;
    }

    /// <summary>
    /// Escapes <c>&lt; &gt; &amp;</c> and puts a word joiner after an <c>@</c> that starts a word,
    /// so echoed text such as <c>@everyone</c> or <c>@someone</c> never becomes a mention.
    /// </summary>
    public static string Escape(ReadOnlySpan<char> text) => Escape(text, defuseMentions: true);

    /// <summary>Escapes <c>&lt; &gt; &amp;</c> only, for code where Telegram finds no mentions.</summary>
    public static string EscapeCode(ReadOnlySpan<char> text) => Escape(text, defuseMentions: false);

    private static string Escape(ReadOnlySpan<char> text, bool defuseMentions)
    {
        var builder = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&':
                    builder.Append("&amp;");
                    break;
                case '<':
                    builder.Append("&lt;");
                    break;
                case '>':
                    builder.Append("&gt;");
                    break;
                case '@' when defuseMentions && (i == 0 || !char.IsLetterOrDigit(text[i - 1])) && i + 1 < text.Length && (char.IsLetterOrDigit(text[i + 1]) || text[i + 1] == '_'):
                    builder.Append('@').Append('\u2060');
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>Escapes a value for a double-quoted attribute.</summary>
    public static string EscapeAttribute(string value) =>
        value.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal)
            .Replace("\"", "&quot;", StringComparison.Ordinal);

    /// <summary>Whether a link target is absolute and of a scheme Telegram opens.</summary>
    public static bool IsLinkable(string? url, out Uri uri)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var parsed)
            && (parsed.Scheme == Uri.UriSchemeHttps || parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeMailto || parsed.Scheme == "tg"))
        {
            uri = parsed;
            return true;
        }

        uri = null!;
        return false;
    }

    /// <summary>An anchor with escaped text.</summary>
    public static string Link(Uri url, string text) => OpenAnchor(url) + Escape(text) + "</a>";

    /// <summary>The opening tag of an anchor to <paramref name="url"/>.</summary>
    public static string OpenAnchor(Uri url) => $"<a href=\"{EscapeAttribute(url.AbsoluteUri)}\">";
}
