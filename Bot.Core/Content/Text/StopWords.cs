using System.Collections.Frozen;

namespace Bot.Core.Content.Text;

/// <summary>The words too common to search for, lower case.</summary>
internal static class StopWords
{
    /// <summary>Lucene's English stop words (ENGLISH_STOP_WORDS_SET), which its StandardAnalyzer uses for every language.</summary>
    public static readonly FrozenSet<string> English = new[]
    {
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "no", "not", "of",
        "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was", "will", "with",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Snowball's Dutch stop list, the one Lucene's DutchAnalyzer uses.</summary>
    public static readonly FrozenSet<string> Dutch = new[]
    {
        "de", "en", "van", "ik", "te", "dat", "die", "in", "een", "hij", "het", "niet", "zijn", "is", "was", "op", "aan",
        "met", "als", "voor", "had", "er", "maar", "om", "hem", "dan", "zou", "of", "wat", "mijn", "men", "dit", "zo",
        "door", "over", "ze", "zich", "bij", "ook", "tot", "je", "mij", "uit", "der", "daar", "haar", "naar", "heb",
        "hoe", "heeft", "hebben", "deze", "u", "want", "nog", "zal", "me", "zij", "nu", "ge", "geen", "omdat", "iets",
        "worden", "toch", "al", "waren", "veel", "meer", "doen", "toen", "moet", "ben", "zonder", "kan", "hun", "dus",
        "alles", "onder", "ja", "eens", "hier", "wie", "werd", "altijd", "doch", "wordt", "wezen", "kunnen", "ons",
        "zelf", "tegen", "na", "reeds", "wil", "kon", "niets", "uw", "iemand", "geweest", "andere",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> EnglishLookup =
        English.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> DutchLookup =
        Dutch.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool IsEnglish(ReadOnlySpan<char> word) => EnglishLookup.Contains(word);

    public static bool IsDutch(ReadOnlySpan<char> word) => DutchLookup.Contains(word);
}
