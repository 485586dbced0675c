using Bot.Core.Content;
using Xunit;

namespace Bot.Tests.Content;

public sealed class AccentFoldingTests
{
    [Theory]
    [InlineData("Montréal", "Montreal")]
    [InlineData("Zürich", "Zurich")]
    [InlineData("São Paulo", "Sao Paulo")]
    [InlineData("Straße", "Strasse")]
    [InlineData("Ærøskøbing", "AEroskobing")]
    [InlineData("Œuvre œil", "OEuvre oeil")]
    [InlineData("Łódź", "Lodz")]
    [InlineData("Đà Nẵng", "Da Nang")]
    [InlineData("Þórshöfn Reyðarfjörður", "THorshofn Reydarfjordur")]
    [InlineData("Ĳsselmeer", "IJsselmeer")]
    [InlineData("Hà Nội, Thành phố Hồ Chí Minh", "Ha Noi, Thanh pho Ho Chi Minh")]
    [InlineData("Ağrı İzmir Şanlıurfa", "Agri Izmir Sanliurfa")]
    [InlineData("O’Brien, d‘Hondt, „Zo” “quoted”", "O'Brien, d'Hondt, \"Zo\" \"quoted\"")]
    public void Latin_letters_lose_their_accents(string text, string folded)
    {
        Assert.Equal(folded, AccentFolding.Fold(text));
    }

    [Fact]
    public void Combining_marks_typed_separately_are_dropped()
    {
        Assert.Equal("Montreal naive", AccentFolding.Fold("Montre\u0301al nai\u0308ve"));
    }

    [Theory]
    [InlineData("Москва")]
    [InlineData("Αθήνα")]
    [InlineData("東京")]
    [InlineData("ＡＢＣ ① ﬁ")]
    [InlineData("– dashes —")]
    [InlineData("plain ASCII, unchanged")]
    [InlineData("")]
    public void Other_characters_are_kept_as_they_are(string text)
    {
        Assert.Equal(text, AccentFolding.Fold(text));
    }
}
