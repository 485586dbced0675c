using System.Buffers;

namespace Bot.Core.Content.Text;

/// <summary>
/// Splits a text into words at the word boundaries of UAX #29, as Lucene's StandardTokenizer does: runs of letters
/// and digits, kept together across an apostrophe or a dot between letters ("AI's", "U.S", "example.com") and a dot
/// or comma between digits ("3.5", "1,000"); each ideograph and each hiragana a word of its own; punctuation, symbols
/// and emoji left out.
/// </summary>
internal static class WordTokenizer
{
    /// <summary>Longer words are left out altogether, as the StandardTokenizer leaves them out.</summary>
    public const int MaxWordLength = 255;

    /// <summary>Where each word of the text is.</summary>
    public static List<Range> Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<Range>();
        if (text.Length == 0)
        {
            return words;
        }

        // A unit is one character with the combining marks and format characters after it (UAX #29 rule WB4).
        var starts = ArrayPool<int>.Shared.Rent(text.Length + 1);
        var classes = ArrayPool<WordClass>.Shared.Rent(text.Length);
        try
        {
            var count = Units(text, starts, classes);
            var units = classes.AsSpan(0, count);
            for (var first = 0; first < count;)
            {
                var last = first;
                var isWord = IsWordCore(units[first]);
                while (last + 1 < count && Joins(units, last))
                {
                    last++;
                    isWord |= IsWordCore(units[last]);
                }

                var length = starts[last + 1] - starts[first];
                if (isWord && length <= MaxWordLength)
                {
                    words.Add(new Range(starts[first], starts[last + 1]));
                }

                first = last + 1;
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(starts);
            ArrayPool<WordClass>.Shared.Return(classes);
        }

        return words;
    }

    private static int Units(string text, int[] starts, WordClass[] classes)
    {
        var count = 0;
        for (var i = 0; i < text.Length;)
        {
            var length = 1;
            int codePoint = text[i];
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                codePoint = char.ConvertToUtf32(text[i], text[i + 1]);
                length = 2;
            }

            var wordClass = WordClasses.Of(codePoint);
            if (wordClass != WordClass.Extend || count == 0)
            {
                starts[count] = i;
                classes[count] = wordClass == WordClass.Extend ? WordClass.Other : wordClass;
                count++;
            }

            i += length;
        }

        starts[count] = text.Length;
        return count;
    }

    /// <summary>Whether a segment with this unit in it is a word (and not just connectors).</summary>
    private static bool IsWordCore(WordClass c) =>
        c is WordClass.Letter or WordClass.HebrewLetter or WordClass.Numeric or WordClass.Katakana or WordClass.Ideograph
            or WordClass.Hiragana or WordClass.SouthEastAsian;

    /// <summary>Whether unit <paramref name="i"/> and the one after it are in the same word (UAX #29 rules WB5 to WB13b).</summary>
    private static bool Joins(ReadOnlySpan<WordClass> units, int i)
    {
        var a = units[i];
        var b = units[i + 1];
        var before = i > 0 ? units[i - 1] : WordClass.Other;
        var after = i + 2 < units.Length ? units[i + 2] : WordClass.Other;
        return a switch
        {
            WordClass.Letter or WordClass.HebrewLetter =>
                IsLetter(b) || b is WordClass.Numeric or WordClass.ExtendNumLet
                    || (JoinsLetters(b) && IsLetter(after))
                    || (a == WordClass.HebrewLetter && (b == WordClass.SingleQuote || (b == WordClass.DoubleQuote && after == WordClass.HebrewLetter))),
            WordClass.Numeric =>
                IsLetter(b) || b is WordClass.Numeric or WordClass.ExtendNumLet || (JoinsDigits(b) && after == WordClass.Numeric),
            WordClass.Katakana => b is WordClass.Katakana or WordClass.ExtendNumLet,
            WordClass.ExtendNumLet => IsLetter(b) || b is WordClass.Numeric or WordClass.Katakana or WordClass.ExtendNumLet,
            WordClass.SouthEastAsian => b == WordClass.SouthEastAsian,
            WordClass.DoubleQuote => b == WordClass.HebrewLetter && before == WordClass.HebrewLetter,
            _ => (JoinsLetters(a) && IsLetter(b) && IsLetter(before)) || (JoinsDigits(a) && b == WordClass.Numeric && before == WordClass.Numeric),
        };
    }

    private static bool IsLetter(WordClass c) => c is WordClass.Letter or WordClass.HebrewLetter;

    private static bool JoinsLetters(WordClass c) => c is WordClass.MidLetter or WordClass.MidNumLet or WordClass.SingleQuote;

    private static bool JoinsDigits(WordClass c) => c is WordClass.MidNum or WordClass.MidNumLet or WordClass.SingleQuote;
}
