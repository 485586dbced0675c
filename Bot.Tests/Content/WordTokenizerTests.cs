using Bot.Core.Content.Text;
using Xunit;

namespace Bot.Tests.Content;

public sealed class WordTokenizerTests
{
    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(" \t\r\n\u00A0\u2003 ")]
    [InlineData("… — – ! ? ( ) [ ] { } / \\ - + = * & ^ % $ # @")]
    [InlineData("😀 👍🏽 👨‍👩‍👧 🇳🇱 ⏸️ ✅")]
    [InlineData("___ '' .. ,,")]
    public void Text_without_letters_or_digits_has_no_words(string text)
    {
        Assert.Empty(Words(text));
    }

    [Theory]
    [InlineData("AI's future", "AI's", "future")]
    [InlineData("the U.S. and the U.K.", "the", "U.S", "and", "the", "U.K")]
    [InlineData("GPT-3.5 costs 1,000.50", "GPT", "3.5", "costs", "1,000.50")]
    [InlineData("see example.com/page", "see", "example.com", "page")]
    [InlineData("it’s O’Neil", "it’s", "O’Neil")]
    [InlineData("e-mail and/or x_y", "e", "mail", "and", "or", "x_y")]
    [InlineData("'quoted' \"twice\"", "quoted", "twice")]
    [InlineData("3:45 ab:cd", "3", "45", "ab:cd")]
    [InlineData("v1.2.3 a1b2", "v1.2.3", "a1b2")]
    [InlineData("end. Next", "end", "Next")]
    public void Punctuation_splits_words_except_between_letters_or_between_digits(string text, params string[] words)
    {
        Assert.Equal(words, Words(text));
    }

    [Fact]
    public void Marks_and_format_characters_stay_in_their_word()
    {
        Assert.Equal(["Cafe\u0301", "ex\u00ADample"], Words("Cafe\u0301 ex\u00ADample"));
        Assert.Equal(["zero", "width"], Words("zero\u200Bwidth"));
    }

    [Fact]
    public void Each_ideograph_is_a_word_and_katakana_and_thai_runs_are_one()
    {
        Assert.Equal(["日", "本", "語", "の", "テキスト"], Words("日本語のテキスト"));
        Assert.Equal(["ภาษาไทย", "๑๒๓"], Words("ภาษาไทย ๑๒๓"));
        Assert.Equal(["한국어"], Words("한국어"));
    }

    [Fact]
    public void Right_to_left_words_are_split_like_any_other()
    {
        Assert.Equal(["مرحبا", "بالعالم", "١٢٣٫٤٥"], Words("مرحبا، بالعالم ١٢٣٫٤٥!"));
        Assert.Equal(["שלום", "עולם", "צה\"ל"], Words("שלום, עולם צה\"ל"));
        // A direction mark is a format character: like a combining mark it stays in the word it follows, as in Lucene.
        Assert.Equal(["abc\u202C", "مرحبا"], Words("\u202Babc\u202C مرحبا"));
    }

    [Fact]
    public void Emoji_between_letters_separate_them()
    {
        Assert.Equal(["a", "b", "1", "2"], Words("a😀b 1👍🏽2"));
    }

    [Fact]
    public void Words_longer_than_255_characters_are_left_out_as_Lucene_leaves_them_out()
    {
        var longest = new string('a', WordTokenizer.MaxWordLength);
        var text = $"before {longest} {new string('b', 256)} {new string('c', 10_000)} after";

        Assert.Equal(["before", longest, "after"], Words(text));
        Assert.Empty(Words(new string('x', 10_000)));
    }

    [Fact]
    public void Characters_outside_the_basic_plane_are_whole_letters()
    {
        Assert.Equal(["𝐁𝐨𝐥𝐝", "𝟏𝟐𝟑", "𐐀𐐨", "𠀀", "𠀁"], Words("𝐁𝐨𝐥𝐝 𝟏𝟐𝟑 𐐀𐐨 𠀀𠀁"));
        Assert.Equal(["𐐨𐐨"], new StandardTermAnalyzer().Terms("𐐀𐐨"));
    }

    internal static List<string> Words(string text)
    {
        var words = new List<string>();
        foreach (var word in WordTokenizer.Words(text))
        {
            words.Add(text[word]);
        }

        return words;
    }
}
