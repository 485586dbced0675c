using Bot.Core.Content;
using Bot.Core.Content.Text;
using Xunit;

namespace Bot.Tests.Content;

public sealed class StemmerTests
{
    [Theory]
    [InlineData("connections", "connect")]
    [InlineData("connected", "connect")]
    [InlineData("connecting", "connect")]
    [InlineData("summits", "summit")]
    [InlineData("treaties", "treati")]
    [InlineData("treaty", "treati")]
    [InlineData("caresses", "caress")]
    [InlineData("ponies", "poni")]
    [InlineData("cats", "cat")]
    [InlineData("agreed", "agre")]
    [InlineData("hopping", "hop")]
    [InlineData("filing", "file")]
    [InlineData("happy", "happi")]
    [InlineData("relational", "relat")]
    [InlineData("hopefulness", "hope")]
    [InlineData("electrical", "electr")]
    [InlineData("adjustment", "adjust")]
    [InlineData("controlling", "control")]
    [InlineData("generalization", "gener")]
    [InlineData("possibly", "possibl")]
    [InlineData("archaeology", "archaeolog")]
    [InlineData("risks", "risk")]
    [InlineData("extinction", "extinct")]
    [InlineData("sky", "sky")]
    [InlineData("is", "is")]
    [InlineData("a", "a")]
    [InlineData("", "")]
    public void English_words_stem_as_Porter_has_them(string word, string stem)
    {
        Assert.Equal(stem, Stemmed(word, PorterStemmer.Stem));
    }

    [Theory]
    [InlineData("verdragen", "verdrag")]
    [InlineData("verdrag", "verdrag")]
    [InlineData("ontwikkelingen", "ontwikkel")]
    [InlineData("ontwikkeling", "ontwikkel")]
    [InlineData("risico's", "risico'")]
    [InlineData("mogelijkheden", "mogelijk")]
    [InlineData("lichamelijk", "licham")]
    [InlineData("maan", "man")]
    [InlineData("manen", "man")]
    [InlineData("katten", "kat")]
    [InlineData("mooie", "mooi")]
    [InlineData("geëist", "geeist")]
    [InlineData("ozonlaag", "ozonlag")]
    [InlineData("", "")]
    public void Dutch_words_stem_as_Snowball_has_them(string word, string stem)
    {
        Assert.Equal(stem, Stemmed(word, DutchStemmer.Stem));
    }

    [Theory]
    [InlineData("fiets", "fiets")]
    [InlineData("fietsen", "fiets")]
    [InlineData("bromfiets", "bromfiets")]
    [InlineData("ei", "eier")]
    [InlineData("eieren", "eier")]
    [InlineData("kind", "kinder")]
    [InlineData("kinderen", "kinder")]
    public void The_dutch_stem_overrides_meet_their_plurals(string word, string stem)
    {
        Assert.Equal([stem], TextAnalyzers.Terms("nl", word));
    }

    [Fact]
    public void English_drops_possessives_and_stop_words_before_stemming()
    {
        Assert.Equal(["ai", "connect", "summit"], TextAnalyzers.Terms("en", "The AI’s connections to the summits"));
        Assert.Equal(["ai", "risk"], TextAnalyzers.Terms("en", "AI'S RISKS"));
    }

    [Fact]
    public void Dutch_drops_its_own_stop_words_and_other_languages_drop_the_english_ones()
    {
        Assert.Equal(["verdrag", "ondertek"], TextAnalyzers.Terms("nl", "De verdragen zijn niet ondertekend"));
        Assert.Equal(["die", "verträge", "sind", "unterzeichnet"], TextAnalyzers.Terms("de", "Die Verträge sind unterzeichnet, and the"));
    }

    private delegate int InPlaceStemmer(Span<char> word);

    private static string Stemmed(string word, InPlaceStemmer stem)
    {
        var buffer = word.ToCharArray();
        return new string(buffer, 0, stem(buffer));
    }
}
