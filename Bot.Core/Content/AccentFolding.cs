using System.Globalization;
using System.Text;
using Bot.Core.Content.Text;

namespace Bot.Core.Content;

/// <summary>Text without accents, for matching what people type: "Montréal", "Zürich", "São Paulo" as "Montreal", "Zurich", "Sao Paulo".</summary>
/// <remarks>
/// The process runs without ICU, and there <c>string.Normalize(FormD)</c> returns its input unchanged, so accents
/// cannot be split off and dropped. Precomposed Latin letters are folded with <see cref="LatinFolding"/> instead (which
/// also folds ß, æ, ø, ł to ss, ae, o, l); combining marks typed separately are dropped; other scripts stay as they are.
/// </remarks>
internal static class AccentFolding
{
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Ascii.IsValid(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (LatinFolding.TryFold(c, out var ascii))
            {
                builder.Append(ascii);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
