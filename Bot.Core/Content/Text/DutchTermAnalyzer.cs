using System.Collections.Frozen;

namespace Bot.Core.Content.Text;

/// <summary>Dutch as Lucene's DutchAnalyzer: lower case, no stop words, a few fixed stems, then the Snowball stemmer.</summary>
internal sealed class DutchTermAnalyzer : TermAnalyzer
{
    /// <summary>
    /// Lucene's default stem overrides: "fiets" is no plural, and "ei" and "kind" meet their plurals "eieren" and
    /// "kinderen" (Lucene.Net's own DutchAnalyzer loses the last two; AnalyzerOracleTests shows how).
    /// </summary>
    private static readonly FrozenDictionary<string, string> FixedStems = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["fiets"] = "fiets",
        ["bromfiets"] = "bromfiets",
        ["ei"] = "eier",
        ["kind"] = "kinder",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    protected override string? Term(ReadOnlySpan<char> word)
    {
        var term = LowerCase.Of(word);
        if (StopWords.Dutch.Contains(term))
        {
            return null;
        }

        return FixedStems.TryGetValue(term, out var stem) ? stem : DutchStemmer.Stem(term);
    }
}
