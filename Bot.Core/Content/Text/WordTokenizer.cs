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

    /// <summary>Where each word of the text is, found as the loop goes.</summary>
    public static WordEnumerator Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new WordEnumerator(text);
    }

    /// <summary>
    /// Walks the text one unit at a time: a character with the combining marks and format characters after it
    /// (UAX #29 rule WB4). Whether two units belong to one word depends on the unit before them and the one after.
    /// </summary>
    internal struct WordEnumerator
    {
        private readonly string _text;
        private int _read;
        private Unit _before;
        private Unit _unit;
        private Unit _next;
        private Unit _afterNext;

        public WordEnumerator(string text)
        {
            _text = text;
            _before = new Unit(0, WordClass.Other);
            _unit = ReadUnit(isFirst: true);
            _next = ReadUnit(isFirst: false);
            _afterNext = ReadUnit(isFirst: false);
        }

        public Range Current { get; private set; }

        public readonly WordEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            while (_unit.Start < _text.Length)
            {
                var start = _unit.Start;
                var isWord = IsWordCore(_unit.Class);
                while (_next.Start < _text.Length && Joins(_before.Class, _unit.Class, _next.Class, _afterNext.Class))
                {
                    Advance();
                    isWord |= IsWordCore(_unit.Class);
                }

                var end = _next.Start;
                Advance();
                if (isWord && end - start <= MaxWordLength)
                {
                    Current = new Range(start, end);
                    return true;
                }
            }

            return false;
        }

        private void Advance()
        {
            _before = _unit;
            _unit = _next;
            _next = _afterNext;
            _afterNext = ReadUnit(isFirst: false);
        }

        /// <summary>The next unit, or one that starts at the end of the text when there is none.</summary>
        private Unit ReadUnit(bool isFirst)
        {
            var start = _read;
            if (start >= _text.Length)
            {
                return new Unit(_text.Length, WordClass.Other);
            }

            var wordClass = WordClasses.Of(ReadCodePoint());
            while (_read < _text.Length && WordClasses.Of(PeekCodePoint(out var length)) == WordClass.Extend)
            {
                _read += length;
            }

            // Marks at the very start belong to nothing.
            return new Unit(start, wordClass == WordClass.Extend && isFirst ? WordClass.Other : wordClass);
        }

        private int ReadCodePoint()
        {
            var codePoint = PeekCodePoint(out var length);
            _read += length;
            return codePoint;
        }

        private readonly int PeekCodePoint(out int length)
        {
            var c = _text[_read];
            if (char.IsHighSurrogate(c) && _read + 1 < _text.Length && char.IsLowSurrogate(_text[_read + 1]))
            {
                length = 2;
                return char.ConvertToUtf32(c, _text[_read + 1]);
            }

            length = 1;
            return c;
        }
    }

    private readonly record struct Unit(int Start, WordClass Class);

    /// <summary>Whether a segment with this unit in it is a word (and not just connectors).</summary>
    private static bool IsWordCore(WordClass c) =>
        c is WordClass.Letter or WordClass.HebrewLetter or WordClass.Numeric or WordClass.Katakana or WordClass.Ideograph
            or WordClass.Hiragana or WordClass.SouthEastAsian;

    /// <summary>Whether units <paramref name="a"/> and <paramref name="b"/> are in the same word (UAX #29 rules WB5 to WB13b).</summary>
    private static bool Joins(WordClass before, WordClass a, WordClass b, WordClass after) => a switch
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

    private static bool IsLetter(WordClass c) => c is WordClass.Letter or WordClass.HebrewLetter;

    private static bool JoinsLetters(WordClass c) => c is WordClass.MidLetter or WordClass.MidNumLet or WordClass.SingleQuote;

    private static bool JoinsDigits(WordClass c) => c is WordClass.MidNum or WordClass.MidNumLet or WordClass.SingleQuote;
}
