using System.Globalization;
using System.Text;
using Lucene.Net.Analysis.Miscellaneous;

namespace Bot.Core.Content;

/// <summary>Text without accents, for matching what people type: "Montréal", "Zürich", "São Paulo" as "Montreal", "Zurich", "Sao Paulo".</summary>
/// <remarks>
/// The process runs without ICU, and there <c>string.Normalize(FormD)</c> returns its input unchanged, so accents
/// cannot be split off and dropped. Precomposed letters are folded with Lucene's ASCII folding table instead (which
/// also folds ß, æ, ø, ł to ss, ae, o, l); combining marks typed separately are dropped.
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

        // One character folds to at most four ("⑽" is "(10)"): Lucene's own filter sizes its buffer the same way.
        var folded = new char[text.Length * 4];
        var length = ASCIIFoldingFilter.FoldToASCII(text.ToCharArray(), 0, folded, 0, text.Length);
        var builder = new StringBuilder(length);
        foreach (var c in folded.AsSpan(0, length))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
