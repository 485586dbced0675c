namespace Bot.Core.Content.Text;

/// <summary>English as Lucene's EnglishAnalyzer: no possessive "'s", lower case, no stop words, Porter stems.</summary>
internal sealed class EnglishTermAnalyzer : TermAnalyzer
{
    protected override int Term(ReadOnlySpan<char> word, Span<char> term)
    {
        var lower = term[..WithoutPossessive(word).ToLowerInvariant(term)];
        return StopWords.IsEnglish(lower) ? -1 : PorterStemmer.Stem(lower);
    }

    /// <summary>"AI's" as "AI", with any of the apostrophes people type; before lower case, as Lucene has it.</summary>
    private static ReadOnlySpan<char> WithoutPossessive(ReadOnlySpan<char> word) =>
        word is [.., '\'' or '\u2019' or '\uFF07', 's' or 'S'] ? word[..^2] : word;
}
