namespace Bot.Core.Content.Text;

/// <summary>
/// What a character does at a word boundary: the Word_Break values of UAX #29, plus the scripts that Lucene's
/// StandardTokenizer keeps apart (ideographs and hiragana one by one, South-East Asian scripts as whole runs).
/// </summary>
internal enum WordClass : byte
{
    /// <summary>Spaces, punctuation, symbols, emoji: never part of a word.</summary>
    Other,

    /// <summary>A letter of an alphabet or syllabary (UAX #29 ALetter).</summary>
    Letter,

    HebrewLetter,

    /// <summary>A decimal digit of any script.</summary>
    Numeric,

    Katakana,

    /// <summary>Connector punctuation ("_"): joins letters, digits and katakana, and stays in the word.</summary>
    ExtendNumLet,

    /// <summary>Joins two letters only (":", "·").</summary>
    MidLetter,

    /// <summary>Joins two digits only (",", ";").</summary>
    MidNum,

    /// <summary>Joins two letters or two digits (".", "’").</summary>
    MidNumLet,

    /// <summary>The ASCII apostrophe, which joins like <see cref="MidNumLet"/> and may end a Hebrew word.</summary>
    SingleQuote,

    /// <summary>The ASCII double quote, which joins two Hebrew letters (abbreviations such as צה"ל).</summary>
    DoubleQuote,

    /// <summary>Combining marks and format characters (soft hyphen, joiners): part of the character before them.</summary>
    Extend,

    /// <summary>A Han character: a word of its own.</summary>
    Ideograph,

    /// <summary>A hiragana character: a word of its own.</summary>
    Hiragana,

    /// <summary>Thai, Lao, Khmer, Myanmar, Tai: written without spaces, so a run of them is one word.</summary>
    SouthEastAsian,
}
