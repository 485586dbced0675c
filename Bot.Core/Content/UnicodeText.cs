using System.Text;

namespace Bot.Core.Content;

/// <summary>Code points .NET's Unicode handling refuses, for pages and user text alike.</summary>
internal static class UnicodeText
{
    /// <summary>
    /// The text without lone surrogates and noncharacters, the code points .NET's Unicode
    /// normalisation refuses (<c>string.Normalize</c> throws on U+FFFE and on an unpaired surrogate).
    /// Keeps everything else, at any length.
    /// </summary>
    public static string WithoutInvalidCodePoints(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var index = 0;
        while (index < text.Length && !char.IsSurrogate(text[index]) && !IsNoncharacter(text[index]))
        {
            index++;
        }

        if (index == text.Length)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        builder.Append(text.AsSpan(0, index));
        for (var i = index; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (!IsNoncharacter(char.ConvertToUtf32(c, text[i + 1])))
                {
                    builder.Append(c).Append(text[i + 1]);
                }

                i++;
            }
            else if (!char.IsSurrogate(c) && !IsNoncharacter(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>U+FDD0 to U+FDEF and the last two code points of every plane (U+FFFE, U+1FFFF, …).</summary>
    public static bool IsNoncharacter(int codePoint) =>
        codePoint is >= 0xFDD0 and <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE;
}
