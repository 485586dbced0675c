using Bot.Core.Content;
using Bot.Core.Content.Text;
using Bot.Tests.Support;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Nl;
using Lucene.Net.Analysis.Snowball;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;
using Xunit;
using Xunit.Abstractions;

namespace Bot.Tests.Content;

/// <summary>
/// Our tokenizer, stemmers, stop words and folding table against Lucene's, which the search index used before:
/// every sentence, paragraph and title of every page in <c>content/</c> and <c>testdata/corpus/</c> must give the
/// same terms in English, Dutch and any other language, and so must a set of harder texts in other scripts.
/// </summary>
public sealed class AnalyzerOracleTests(ITestOutputHelper output)
{
    private static readonly (string Name, TermAnalyzer Ours, Analyzer Lucene)[] Analyzers =
    [
        ("en", new EnglishTermAnalyzer(), new EnglishAnalyzer(LuceneVersion.LUCENE_48)),
        ("nl", new DutchTermAnalyzer(), DutchAsDocumented()),
        ("other", new StandardTermAnalyzer(), new StandardAnalyzer(LuceneVersion.LUCENE_48)),
    ];

    private const string CherokeeSmallLetters = "ᏣᎳᎩ ꮳꮃꭹ";

    /// <summary>Texts in which we knowingly split words differently from Lucene, and why.</summary>
    private static readonly Dictionary<string, string> AcceptedDifferences = new(StringComparer.Ordinal)
    {
        [CherokeeSmallLetters] = "Cherokee small letters (ꮃ) came in Unicode 8: Lucene's tables are Unicode 6.3 and do not know them",
    };

    /// <summary>
    /// Dutch words whose terms differ from those of Lucene.Net's own DutchAnalyzer, which builds the keys of its stem
    /// overrides in a reused buffer: "kind" → "kinder" becomes "kinds" → "kinder", "ei" → "eier" becomes
    /// "eiomfiets" → "eier" (the tail of "bromfiets"). We keep the dictionary as documented.
    /// </summary>
    private static readonly Dictionary<string, string> AcceptedDutchDifferences = new(StringComparer.Ordinal)
    {
        ["kind"] = "Lucene.Net stems it to kind, its override to kinder is lost",
        ["kinds"] = "Lucene.Net overrides it to kinder, under the key its override for kind got by mistake",
        ["ei"] = "Lucene.Net leaves it, its override to eier is lost",
    };

    /// <summary>Characters we fold differently from Lucene's ASCII folding table, and why.</summary>
    private static readonly Dictionary<char, string> AcceptedFoldingDifferences = new()
    {
        ['ǥ'] = "g with stroke: Lucene gives a capital G",
        ['ǧ'] = "g with caron: Lucene gives a capital G",
        ['ẛ'] = "long s with dot above: Lucene gives f",
        ['ỽ'] = "small middle-Welsh v: Lucene leaves it, though it folds the capital Ỽ to V",
    };

    /// <summary>Words and scripts the pages do not have, where word boundaries are harder.</summary>
    private static readonly string[] HardTexts =
    [
        "",
        " \t\n ",
        "AI's U.S. 3.5 example.com a:b 3,5 3;5 1.000,50 foo_bar ___ _x_ x-y a/b and/or e-mail",
        "O’Neil’s AI＇s rock 'n' roll 'quoted' \"twice\" it''s end. 'tis",
        "a.b. a..b 1..2 1.a a.1 a1.5b v1.2.3 ab:cd: :ab 3:45 12:00u",
        "ex\u00ADample zero\u200Bwidth join\u200Dwords non\u200Cjoiner word\u2060joiner \uFEFFbom",
        "Cafe\u0301 nai\u0308ve \u0301lone mark e\u0301\u0301 a\u20DD",
        "İstanbul ΣΟΦΊΑ ΣΊΣΥΦΟΣ Straße STRASSE Ǆemal ǅemal ﬁle ﬀ",
        "日本語のテキスト カタカナ ひらがな ﾊﾝｶｸ ｶﾞ ー 々 〇 中文字符 한국어 텍스트",
        "ภาษาไทย ๑๒๓ ພາສາລາວ ភាសាខ្មែរ မြန်မာ",
        "שלום' א\"ב צה\"ל עברית",
        "العربية ١٢٣٫٤٥ ١٬٠٠٠ مرحبا، سلام؛",
        "हिन्दी भाषा। বাংলা தமிழ்",
        "Русский язык, ёлка. Українська мова. Ελληνικά",
        "😀 👍🏽 👨‍👩‍👧 🇳🇱 🇬🇧 ⏸️ ✅ ⭐ a😀b 1😀2 ☺︎",
        "ＡＢＣ ｆｕｌｌｗｉｄｔｈ １２３ １２.５ Ⓐⓑⓒ ①②③ ⅷ ½ ² x²",
        "𝐁𝐨𝐥𝐝 𝟏𝟐𝟑 𐐀𐐨 𠀀𠀁",
        "https://pauseai.info/summit?x=1&y=2#top mail@example.com @handle #hashtag $100 €5 10% C++ C# .NET node.js",
        "fietsen fiets bromfietsen eieren ei kinderen kind",
        "connections summits treaties happy happiness sky cry dying lying generously possibly archaeology",
        new string('a', 255) + " " + new string('b', 256) + " " + new string('c', 10_000) + " end",
        "café\u0301s naïve’s",
        "ゝゞヽヾ〱〳〵 ・ 〻 ㋐ ㌀ ｱｲｳ ｶﾟ ﾞ",
        "ᠮᠣᠩᠭᠣᠯ བོད་ཡིག ግዕዝ ქართული Հայերեն Ꭰ ꆈꌠ ᚠᚢᚦ",
        CherokeeSmallLetters,
        "a·b a‧b a︓b a﹕b a：b 1٫5 1⁄2 1﹐2 1，2 1；2 a；b",
        "'s ’s s' x's y’S Y'S Rock’n’roll l'homme d’Alembert",
        "1️⃣ #️⃣ © ® ™ ‰ † ‡ • … ‹ › „ ‚ ¿ ¡ § ¶",
    ];

    [Fact]
    public void Our_analyzers_give_Lucenes_terms_for_every_page_and_the_hard_texts()
    {
        var texts = AllTexts();

        var differences = new List<string>();
        var words = new HashSet<string>(StringComparer.Ordinal);
        var terms = 0;
        foreach (var text in texts)
        {
            words.UnionWith(WordTokenizerTests.Words(text));

            foreach (var (name, ours, lucene) in Analyzers)
            {
                var expected = LuceneTerms(lucene, text);
                var actual = ours.Terms(text);
                terms += expected.Count;
                if (!expected.SequenceEqual(actual, StringComparer.Ordinal) && !AcceptedDifferences.ContainsKey(text))
                {
                    differences.Add($"{name}: {FirstDifference(expected, actual)} in \"{Shorten(text)}\"");
                }
            }
        }

        output.WriteLine($"{texts.Count} sentences, paragraphs and titles, {words.Count} distinct words, {terms} terms compared in 3 analyzers; accepted differences in {AcceptedDifferences.Count} text.");
        foreach (var difference in differences.Take(50))
        {
            output.WriteLine(difference);
        }

        Assert.Empty(differences.Take(20));
        Assert.All(AcceptedDifferences.Keys, t => Assert.NotEqual(LuceneTerms(Analyzers[^1].Lucene, t), Analyzers[^1].Ours.Terms(t)));
        Assert.InRange(texts.Count, 5_000, int.MaxValue);
        Assert.InRange(words.Count, 10_000, int.MaxValue);
    }

    [Fact]
    public void Lucene_dot_nets_DutchAnalyzer_differs_from_its_documented_self_only_in_the_lost_stem_overrides()
    {
        var actual = new DutchAnalyzer(LuceneVersion.LUCENE_48);
        var documented = DutchAsDocumented();
        var words = AllTexts().SelectMany(WordTokenizerTests.Words).ToHashSet(StringComparer.Ordinal);
        words.UnionWith(AcceptedDutchDifferences.Keys);

        var differences = words.Where(w => !LuceneTerms(actual, w).SequenceEqual(LuceneTerms(documented, w), StringComparer.Ordinal))
            .Select(w => w.ToLowerInvariant())
            .ToHashSet(StringComparer.Ordinal);

        output.WriteLine($"{words.Count} distinct words compared one by one.");
        Assert.Equal(AcceptedDutchDifferences.Keys.Order(StringComparer.Ordinal), differences.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Our_stop_words_are_Lucenes()
    {
        Assert.True(StopWords.English.SetEquals(EnglishAnalyzer.DefaultStopSet.Select(w => w.ToString())));
        Assert.True(StopWords.English.SetEquals(StandardAnalyzer.STOP_WORDS_SET.Select(w => w.ToString())));
        Assert.True(StopWords.Dutch.SetEquals(DutchAnalyzer.DefaultStopSet.Select(w => w.ToString())));
        Assert.Equal(33, StopWords.English.Count);
    }

    [Fact]
    public void Our_folding_table_is_Lucenes_for_every_latin_letter()
    {
        var compared = 0;
        var differences = new List<string>();
        foreach (var (first, last) in new[] { ('\u0080', '\u024F'), ('\u1E00', '\u1EFF') })
        {
            for (var c = first; c <= last; c++)
            {
                var folded = new char[4];
                var length = ASCIIFoldingFilter.FoldToASCII([c], 0, folded, 0, 1);
                var expected = new string(folded, 0, length);
                var actual = AccentFolding.Fold(c.ToString());
                compared++;
                if (expected != actual && !AcceptedFoldingDifferences.ContainsKey(c))
                {
                    differences.Add($"U+{(int)c:X4} {c}: Lucene {expected}, ours {actual}");
                }
            }
        }

        output.WriteLine($"{compared} characters compared, {AcceptedFoldingDifferences.Count} accepted differences.");
        Assert.Empty(differences);
        Assert.All(AcceptedFoldingDifferences.Keys, c => Assert.True(LatinFolding.TryFold(c, out var folded) && folded.Length == 1 && char.IsAsciiLetterLower(folded[0])));
    }

    private static List<string> AllTexts() =>
        PageTexts(ContentLoader.Load(TestPaths.Content, new ContentOptions()))
            .Concat(PageTexts(ContentLoader.Load(TestPaths.Corpus, new ContentOptions())))
            .Concat(MarkdownParagraphs(TestPaths.Content))
            .Concat(MarkdownParagraphs(TestPaths.Corpus))
            .Concat(HardTexts)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>Lucene's DutchAnalyzer (LUCENE_48) as its source has it, with the default stem overrides it means to have.</summary>
    private static Analyzer DutchAsDocumented()
    {
        var overrides = new StemmerOverrideFilter.Builder(ignoreCase: false);
        foreach (var (word, stem) in new[] { ("fiets", "fiets"), ("bromfiets", "bromfiets"), ("ei", "eier"), ("kind", "kinder") })
        {
            overrides.Add(word, stem);
        }

        var map = overrides.Build();
        return Analyzer.NewAnonymous((_, reader) =>
        {
            var source = new StandardTokenizer(LuceneVersion.LUCENE_48, reader);
            TokenStream result = new StandardFilter(LuceneVersion.LUCENE_48, source);
            result = new LowerCaseFilter(LuceneVersion.LUCENE_48, result);
            result = new StopFilter(LuceneVersion.LUCENE_48, result, DutchAnalyzer.DefaultStopSet);
            result = new StemmerOverrideFilter(result, map);
            result = new SnowballFilter(result, new Lucene.Net.Tartarus.Snowball.Ext.DutchStemmer());
            return new TokenStreamComponents(source, result);
        });
    }

    private static List<string> LuceneTerms(Analyzer analyzer, string text)
    {
        var terms = new List<string>();
        using var stream = analyzer.GetTokenStream("text", new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms;
    }

    /// <summary>What the search index analyzes: titles, descriptions, and each section's sentences and whole text.</summary>
    private static IEnumerable<string> PageTexts(ContentIndex index)
    {
        foreach (var page in index.Pages)
        {
            yield return page.Title;
            if (page.Description is { } description)
            {
                yield return description;
            }

            foreach (var section in page.Sections)
            {
                yield return section.Title;
                yield return section.Text;
                foreach (var sentence in Sentences.Of(section.Blocks))
                {
                    yield return sentence.Text;
                }
            }
        }
    }

    /// <summary>The pages' raw Markdown, paragraph by paragraph: front matter, links, code and markup included.</summary>
    private static IEnumerable<string> MarkdownParagraphs(string folder) =>
        Directory.GetFiles(folder, "*.md", SearchOption.AllDirectories)
            .SelectMany(f => File.ReadAllText(f).Split("\n\n"))
            .Select(p => p.Trim())
            .Where(p => p.Length > 0);

    private static string FirstDifference(List<string> expected, List<string> actual)
    {
        var at = 0;
        while (at < expected.Count && at < actual.Count && expected[at] == actual[at])
        {
            at++;
        }

        string Around(List<string> terms) => string.Join(" | ", terms.Skip(Math.Max(0, at - 1)).Take(3));
        return $"Lucene [{Around(expected)}], ours [{Around(actual)}]";
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
