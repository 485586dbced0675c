namespace Bot.Core.Content.Text;

/// <summary>
/// Turns a text into the terms the search index counts: its words, each made a term or left out as a stop word.
/// Words are lower-cased per code point and without a culture, as Lucene's LowerCaseFilter: "İ" stays, "Σ" is "σ" anywhere.
/// </summary>
internal abstract class TermAnalyzer
{
    public List<string> Terms(string text)
    {
        var terms = new List<string>();
        Span<char> buffer = stackalloc char[WordTokenizer.MaxWordLength];
        foreach (var word in WordTokenizer.Words(text))
        {
            var length = Term(text.AsSpan(word), buffer);
            if (length >= 0)
            {
                terms.Add(new string(buffer[..length]));
            }
        }

        return terms;
    }

    /// <summary>
    /// Writes the term of one word into <paramref name="term"/>, which has room for <see cref="WordTokenizer.MaxWordLength"/>
    /// characters, and gives its length, or -1 for a stop word.
    /// </summary>
    protected abstract int Term(ReadOnlySpan<char> word, Span<char> term);
}
