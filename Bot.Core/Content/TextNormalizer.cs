using System.Globalization;
using System.Text;

namespace Bot.Core.Content;

/// <summary>Folds text for matching names: lower case, no accents, punctuation as spaces.</summary>
internal static class TextNormalizer
{
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        // User input and pages can hold U+FFFE and unpaired surrogates: dropped, not read as a break between words.
        var folded = AccentFolding.Fold(UnicodeText.WithoutInvalidCodePoints(text));
        var builder = new StringBuilder(folded.Length);
        var lastWasSpace = true;
        foreach (var c in folded)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
                lastWasSpace = false;
            }
            else if (!lastWasSpace)
            {
                builder.Append(' ');
                lastWasSpace = true;
            }
        }

        return builder.ToString().TrimEnd();
    }

    public static string[] Tokens(string? text) =>
        Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
