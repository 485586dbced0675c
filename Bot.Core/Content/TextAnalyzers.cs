using Bot.Core.Content.Text;

namespace Bot.Core.Content;

/// <summary>The term analyzer of each language (stemming, stop words), used by our own index.</summary>
internal static class TextAnalyzers
{
    private static readonly TermAnalyzer Dutch = new DutchTermAnalyzer();
    private static readonly TermAnalyzer English = new EnglishTermAnalyzer();
    private static readonly TermAnalyzer Other = new StandardTermAnalyzer();

    public static TermAnalyzer For(string language) => language switch
    {
        "nl" => Dutch,
        "en" => English,
        _ => Other,
    };

    /// <summary>The stemmed terms of a text, stop words left out.</summary>
    public static List<string> Terms(string language, string text) => For(language).Terms(text);
}
