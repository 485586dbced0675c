namespace Bot.Core.Content.Text;

/// <summary>Lower case per code point and without a culture, as Lucene's LowerCaseFilter: "İ" stays, "Σ" is "σ" anywhere.</summary>
internal static class LowerCase
{
    public static string Of(ReadOnlySpan<char> word)
    {
        var ascii = true;
        var upper = false;
        foreach (var c in word)
        {
            ascii &= char.IsAscii(c);
            upper |= char.IsAsciiLetterUpper(c);
        }

        if (ascii && !upper)
        {
            return new string(word);
        }

        return string.Create(word.Length, word, static (destination, source) => source.ToLowerInvariant(destination));
    }
}
