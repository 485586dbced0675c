namespace Bot.Core.Content.Text;

/// <summary>Any other language as Lucene's StandardAnalyzer: lower case and no English stop words, no stemming.</summary>
internal sealed class StandardTermAnalyzer : TermAnalyzer
{
    protected override string? Term(ReadOnlySpan<char> word)
    {
        var term = LowerCase.Of(word);
        return StopWords.English.Contains(term) ? null : term;
    }
}
