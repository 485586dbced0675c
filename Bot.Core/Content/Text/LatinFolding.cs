using System.Diagnostics.CodeAnalysis;

namespace Bot.Core.Content.Text;

/// <summary>
/// The Latin letters Europeans type (Latin-1 Supplement, Latin Extended-A and -B, Latin Extended Additional) as ASCII:
/// a letter with marks as its base letter, ligatures and special letters spelled out ("ß" → "ss", "æ" → "ae",
/// "þ" → "th", "ł" → "l"), and typographic quotes as straight ones, as Lucene's ASCII folding table has them. Other
/// characters have no entry.
/// </summary>
internal static class LatinFolding
{
    private const char FirstSupplement = '\u00A0';
    private const char LastExtendedB = '\u024F';
    private const char FirstAdditional = '\u1E00';
    private const char LastAdditional = '\u1EFF';

    /// <summary>Each ASCII spelling with the characters folded to it.</summary>
    private static readonly (string Ascii, string Characters)[] Spellings =
    [
        ("\"", "«»"),
        ("1", "¹"),
        ("2", "²"),
        ("3", "³"),
        ("A", "ÀÁÂÃÄÅĀĂĄƏǍǞǠǺȀȂȦȺḀẠẢẤẦẨẪẬẮẰẲẴẶ"),
        ("a", "àáâãäåāăąǎǟǡǻȁȃȧḁẚạảấầẩẫậắằẳẵặ"),
        ("AE", "ÆǢǼ"),
        ("ae", "æǣǽ"),
        ("B", "ƁƂɃḂḄḆ"),
        ("b", "ƀƃḃḅḇ"),
        ("C", "ÇĆĈĊČƇȻḈ"),
        ("c", "çćĉċčƈȼḉ"),
        ("D", "ÐĎĐƉƊƋḊḌḎḐḒ"),
        ("d", "ðďđƌȡḋḍḏḑḓ"),
        ("db", "ȸ"),
        ("DZ", "ǄǱ"),
        ("Dz", "ǅǲ"),
        ("dz", "ǆǳ"),
        ("E", "ÈÉÊËĒĔĖĘĚƎƐȄȆȨɆḔḖḘḚḜẸẺẼẾỀỂỄỆ"),
        ("e", "èéêëēĕėęěǝȅȇȩɇḕḗḙḛḝẹẻẽếềểễệ"),
        ("F", "ƑḞ"),
        ("f", "ƒḟ"),
        ("G", "ĜĞĠĢƓǤǦǴḠ"),
        ("g", "ĝğġģǥǧǵḡ"),
        ("H", "ĤĦȞḢḤḦḨḪ"),
        ("h", "ĥħȟḣḥḧḩḫẖ"),
        ("HV", "Ƕ"),
        ("hv", "ƕ"),
        ("I", "ÌÍÎÏĨĪĬĮİƖƗǏȈȊḬḮỈỊ"),
        ("i", "ìíîïĩīĭįıǐȉȋḭḯỉị"),
        ("IJ", "Ĳ"),
        ("ij", "ĳ"),
        ("J", "ĴɈ"),
        ("j", "ĵǰȷɉ"),
        ("K", "ĶƘǨḰḲḴ"),
        ("k", "ķƙǩḱḳḵ"),
        ("L", "ĹĻĽĿŁȽḶḸḺḼ"),
        ("l", "ĺļľŀłƚȴḷḹḻḽ"),
        ("LJ", "Ǉ"),
        ("Lj", "ǈ"),
        ("lj", "ǉ"),
        ("LL", "Ỻ"),
        ("ll", "ỻ"),
        ("M", "ƜḾṀṂ"),
        ("m", "ḿṁṃ"),
        ("N", "ÑŃŅŇŊƝǸȠṄṆṈṊ"),
        ("n", "ñńņňŉŋƞǹȵṅṇṉṋ"),
        ("NJ", "Ǌ"),
        ("Nj", "ǋ"),
        ("nj", "ǌ"),
        ("O", "ÒÓÔÕÖØŌŎŐƆƟƠǑǪǬǾȌȎȪȬȮȰṌṎṐṒỌỎỐỒỔỖỘỚỜỞỠỢ"),
        ("o", "òóôõöøōŏőơǒǫǭǿȍȏȫȭȯȱṍṏṑṓọỏốồổỗộớờởỡợ"),
        ("OE", "Œ"),
        ("oe", "œ"),
        ("OU", "Ȣ"),
        ("ou", "ȣ"),
        ("P", "ƤṔṖ"),
        ("p", "ƥṕṗ"),
        ("Q", "Ɋ"),
        ("q", "ĸɋ"),
        ("qp", "ȹ"),
        ("R", "ŔŖŘȐȒɌṘṚṜṞ"),
        ("r", "ŕŗřȑȓɍṙṛṝṟ"),
        ("S", "ŚŜŞŠȘṠṢṤṦṨ"),
        ("s", "śŝşšſșȿṡṣṥṧṩẛẜẝ"),
        ("SS", "ẞ"),
        ("ss", "ß"),
        ("T", "ŢŤŦƬƮȚȾṪṬṮṰ"),
        ("t", "ţťŧƫƭțȶṫṭṯṱẗ"),
        ("TH", "Þ"),
        ("th", "þ"),
        ("U", "ÙÚÛÜŨŪŬŮŰŲƯǓǕǗǙǛȔȖɄṲṴṶṸṺỤỦỨỪỬỮỰ"),
        ("u", "ùúûüũūŭůűųưǔǖǘǚǜȕȗṳṵṷṹṻụủứừửữự"),
        ("V", "ƲɅṼṾỼ"),
        ("v", "ṽṿỽ"),
        ("W", "ŴǷẀẂẄẆẈ"),
        ("w", "ŵƿẁẃẅẇẉẘ"),
        ("X", "ẊẌ"),
        ("x", "ẋẍ"),
        ("Y", "ÝŶŸƳȲɎẎỲỴỶỸỾ"),
        ("y", "ýÿŷƴȳɏẏẙỳỵỷỹỿ"),
        ("Z", "ŹŻŽƵȜȤẐẒẔ"),
        ("z", "źżžƶȝȥɀẑẓẕ"),
    ];

    private static readonly string?[] Table = Build();

    public static bool TryFold(char c, [NotNullWhen(true)] out string? ascii)
    {
        ascii = c switch
        {
            >= FirstSupplement and <= LastExtendedB => Table[c - FirstSupplement],
            >= FirstAdditional and <= LastAdditional => Table[LastExtendedB - FirstSupplement + 1 + c - FirstAdditional],
            // Typographic quotes, as phones type them: "O’Brien" and "d’Hondt" are the names people look for.
            '\u2018' or '\u2019' or '\u201A' or '\u201B' => "'",
            '\u201C' or '\u201D' or '\u201E' or '\u201F' => "\"",
            _ => null,
        };
        return ascii is not null;
    }

    private static string?[] Build()
    {
        var table = new string?[LastExtendedB - FirstSupplement + 1 + LastAdditional - FirstAdditional + 1];
        foreach (var (ascii, characters) in Spellings)
        {
            foreach (var c in characters)
            {
                var index = c <= LastExtendedB ? c - FirstSupplement : LastExtendedB - FirstSupplement + 1 + c - FirstAdditional;
                table[index] = ascii;
            }
        }

        return table;
    }
}
