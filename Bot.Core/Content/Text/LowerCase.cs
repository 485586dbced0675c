namespace Bot.Core.Content.Text;

/// <summary>Lower case per code point and without a culture, as Lucene's LowerCaseFilter: "İ" stays, "Σ" is "σ" anywhere.</summary>
internal static class LowerCase
{
    /// <summary>Writes the word in lower case, which has as many characters, and gives its length.</summary>
    public static int Write(ReadOnlySpan<char> word, Span<char> lower) => word.ToLowerInvariant(lower);
}
