using System.Collections.Frozen;

namespace Bot.Core.Content.Text;

/// <summary>Dutch as Lucene's DutchAnalyzer: lower case, no stop words, a few fixed stems, then the Snowball stemmer.</summary>
internal sealed class DutchTermAnalyzer : TermAnalyzer
{
    /// <summary>
    /// Lucene's default stem overrides: "fiets" is no plural, and "ei" and "kind" meet their plurals "eieren" and
    /// "kinderen" (Lucene.Net's own DutchAnalyzer loses the last two; AnalyzerOracleTests shows how).
    /// </summary>
    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> FixedStems =
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["fiets"] = "fiets",
            ["bromfiets"] = "bromfiets",
            ["ei"] = "eier",
            ["kind"] = "kinder",
        }.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    protected override int Term(ReadOnlySpan<char> word, Span<char> term)
    {
        var lower = term[..word.ToLowerInvariant(term)];
        if (StopWords.IsDutch(lower))
        {
            return -1;
        }

        if (FixedStems.TryGetValue(lower, out var stem))
        {
            stem.CopyTo(term);
            return stem.Length;
        }

        return DutchStemmer.Stem(lower);
    }
}
