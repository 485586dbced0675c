namespace Bot.Core.Content.Text;

/// <summary>Turns a text into the terms the search index counts: its words, each made a term or left out as a stop word.</summary>
internal abstract class TermAnalyzer
{
    public List<string> Terms(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = WordTokenizer.Words(text);
        var terms = new List<string>(words.Count);
        foreach (var word in words)
        {
            if (Term(text.AsSpan(word)) is { } term)
            {
                terms.Add(term);
            }
        }

        return terms;
    }

    /// <summary>The term of one word, or null for a stop word.</summary>
    protected abstract string? Term(ReadOnlySpan<char> word);
}
