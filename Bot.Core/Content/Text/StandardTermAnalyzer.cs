namespace Bot.Core.Content.Text;

/// <summary>Any other language as Lucene's StandardAnalyzer: lower case and no English stop words, no stemming.</summary>
internal sealed class StandardTermAnalyzer : TermAnalyzer
{
    protected override int Term(ReadOnlySpan<char> word, Span<char> term)
    {
        var length = word.ToLowerInvariant(term);
        return StopWords.IsEnglish(term[..length]) ? -1 : length;
    }
}
