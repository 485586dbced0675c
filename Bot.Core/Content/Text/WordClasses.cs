using System.Globalization;

namespace Bot.Core.Content.Text;

/// <summary>The <see cref="WordClass"/> of a code point, from its Unicode category and the few code points UAX #29 names.</summary>
internal static class WordClasses
{
    public static WordClass Of(int codePoint)
    {
        if (codePoint < 0x80)
        {
            return OfAscii((char)codePoint);
        }

        switch (codePoint)
        {
            case 0x2018 or 0x2019 or 0x2024 or 0xFE52 or 0xFF07 or 0xFF0E:
                return WordClass.MidNumLet;
            case 0x00B7 or 0x0387 or 0x05F4 or 0x2027 or 0xFE13 or 0xFE55 or 0xFF1A:
                return WordClass.MidLetter;
            case 0x037E or 0x0589 or 0x060C or 0x060D or 0x066C or 0x07F8 or 0x2044 or 0xFE10 or 0xFE14 or 0xFE50
                or 0xFE54 or 0xFF0C or 0xFF1B:
                return WordClass.MidNum;
            case 0x066B: // the Arabic decimal separator belongs to the number
                return WordClass.Numeric;
            case 0x05F3: // the Hebrew geresh, an abbreviation mark inside words
                return WordClass.Letter;
            case 0x200B: // the zero width space is a format character, but it separates words
                return WordClass.Other;
            case 0xFF9E or 0xFF9F: // the half-width (semi-)voiced sound marks are modifier letters, but combine like marks
                return WordClass.Extend;
        }

        var category = CharUnicodeInfo.GetUnicodeCategory(codePoint);
        switch (category)
        {
            case UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                or UnicodeCategory.Format:
                return WordClass.Extend;
            case UnicodeCategory.ConnectorPunctuation:
                return WordClass.ExtendNumLet;
        }

        if (IsHan(codePoint))
        {
            return WordClass.Ideograph;
        }

        if (codePoint is (>= 0x3041 and <= 0x3096) or (>= 0x309D and <= 0x309F))
        {
            return WordClass.Hiragana;
        }

        if (IsKatakana(codePoint))
        {
            return WordClass.Katakana;
        }

        var isLetter = category is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
            or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.LetterNumber;
        if (category == UnicodeCategory.DecimalDigitNumber)
        {
            return WordClass.Numeric;
        }

        if (IsSouthEastAsian(codePoint))
        {
            return isLetter ? WordClass.SouthEastAsian : WordClass.Other;
        }

        if (isLetter)
        {
            return codePoint is (>= 0x05D0 and <= 0x05F2) or (>= 0xFB1D and <= 0xFB4F) ? WordClass.HebrewLetter : WordClass.Letter;
        }

        // Circled letters (Ⓐ…ⓩ) are symbols by category but alphabetic by property.
        return codePoint is >= 0x24B6 and <= 0x24E9 ? WordClass.Letter : WordClass.Other;
    }

    private static WordClass OfAscii(char c) => c switch
    {
        >= 'a' and <= 'z' or >= 'A' and <= 'Z' => WordClass.Letter,
        >= '0' and <= '9' => WordClass.Numeric,
        '_' => WordClass.ExtendNumLet,
        '.' => WordClass.MidNumLet,
        ':' => WordClass.MidLetter,
        ',' or ';' => WordClass.MidNum,
        '\'' => WordClass.SingleQuote,
        '"' => WordClass.DoubleQuote,
        _ => WordClass.Other,
    };

    private static bool IsHan(int c) =>
        c is (>= 0x2E80 and <= 0x2FDF) or 0x3005 or 0x3007 or (>= 0x3021 and <= 0x3029) or (>= 0x3038 and <= 0x303B)
            or (>= 0x3400 and <= 0x4DBF) or (>= 0x4E00 and <= 0x9FFF) or (>= 0xF900 and <= 0xFAFF)
            or (>= 0x20000 and <= 0x3FFFF);

    private static bool IsKatakana(int c) =>
        c is (>= 0x3031 and <= 0x3035) or 0x309B or 0x309C or (>= 0x30A0 and <= 0x30FA) or (>= 0x30FC and <= 0x30FF)
            or (>= 0x31F0 and <= 0x31FF) or (>= 0x32D0 and <= 0x32FE) or (>= 0x3300 and <= 0x3357)
            or (>= 0xFF66 and <= 0xFF9D) or 0x1B000;

    /// <summary>The blocks of the scripts whose letters have the line-break class Complex_Context.</summary>
    private static bool IsSouthEastAsian(int c) =>
        c is (>= 0x0E00 and <= 0x0EFF) or (>= 0x1000 and <= 0x109F) or (>= 0x1780 and <= 0x17FF)
            or (>= 0x1950 and <= 0x19DF) or (>= 0x1A20 and <= 0x1AAF) or (>= 0xA9E0 and <= 0xA9FF)
            or (>= 0xAA60 and <= 0xAADF);
}
