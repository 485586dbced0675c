using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Nl;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace Bot.Core.Content;

/// <summary>Lucene's language analyzers (stemming, stop words) used as tokenizers for our own index.</summary>
internal static class TextAnalyzers
{
    private static readonly Analyzer Dutch = new DutchAnalyzer(LuceneVersion.LUCENE_48);
    private static readonly Analyzer English = new EnglishAnalyzer(LuceneVersion.LUCENE_48);
    private static readonly Analyzer Other = new StandardAnalyzer(LuceneVersion.LUCENE_48);

    public static Analyzer For(string language) => language switch
    {
        "nl" => Dutch,
        "en" => English,
        _ => Other,
    };

    /// <summary>The stemmed terms of a text, stop words left out.</summary>
    public static List<string> Terms(string language, string text)
    {
        var terms = new List<string>();
        using var stream = For(language).GetTokenStream("text", new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms;
    }
}
