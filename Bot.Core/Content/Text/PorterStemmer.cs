namespace Bot.Core.Content.Text;

/// <summary>
/// Martin Porter's stemmer ("An algorithm for suffix stripping", 1980) as his reference implementation has it, which
/// Lucene's PorterStemFilter follows: "connections" → "connect", "treaties" → "treati". Besides the paper it maps
/// "-bli" (not only "-abli") to "-ble" and "-logi" to "-log", and leaves words of one or two letters alone.
/// </summary>
internal ref struct PorterStemmer
{
    // Step 2 of the paper: with m > 0, the first suffix that the word ends with is replaced.
    private static readonly (string Suffix, string Replacement)[] Step2Suffixes =
    [
        ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"), ("bli", "ble"),
        ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"), ("ization", "ize"), ("ation", "ate"),
        ("ator", "ate"), ("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"),
        ("iviti", "ive"), ("biliti", "ble"), ("logi", "log"),
    ];

    private static readonly (string Suffix, string Replacement)[] Step3Suffixes =
    [
        ("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""), ("ness", ""),
    ];

    // Step 4: with m > 1 the suffix goes; "-ion" only after s or t.
    private static readonly string[] Step4Suffixes =
    [
        "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism", "ate", "iti",
        "ous", "ive", "ize",
    ];

    private readonly Span<char> _word;

    /// <summary>The index of the stem's last letter.</summary>
    private int _end;

    /// <summary>After <see cref="EndsWith"/> found a suffix: the index of the last letter before it.</summary>
    private int _stemEnd;

    private PorterStemmer(Span<char> word)
    {
        _word = word;
        _end = word.Length - 1;
    }

    /// <summary>Stems a lower-case word in place and gives the stem's length (no step makes a word longer).</summary>
    public static int Stem(Span<char> word)
    {
        if (word.Length <= 2)
        {
            return word.Length;
        }

        var stemmer = new PorterStemmer(word);
        stemmer.Step1();
        stemmer.Step2();
        stemmer.Step3();
        stemmer.Step4();
        stemmer.Step5();
        return stemmer._end + 1;
    }

    /// <summary>Plurals and -ed or -ing ("caresses" → "caress", "agreed" → "agree", "hopping" → "hop"), and y to i ("happy" → "happi").</summary>
    private void Step1()
    {
        if (_word[_end] == 's')
        {
            if (EndsWith("sses"))
            {
                _end -= 2;
            }
            else if (EndsWith("ies"))
            {
                SetSuffix("i");
            }
            else if (_word[_end - 1] != 's')
            {
                _end--;
            }
        }

        if (EndsWith("eed"))
        {
            if (Measure() > 0)
            {
                _end--;
            }
        }
        else if ((EndsWith("ed") || EndsWith("ing")) && HasVowelInStem())
        {
            _end = _stemEnd;
            if (EndsWith("at"))
            {
                SetSuffix("ate");
            }
            else if (EndsWith("bl"))
            {
                SetSuffix("ble");
            }
            else if (EndsWith("iz"))
            {
                SetSuffix("ize");
            }
            else if (EndsWithDoubleConsonant(_end))
            {
                if (_word[_end] is not ('l' or 's' or 'z'))
                {
                    _end--;
                }
            }
            else if (Measure() == 1 && EndsWithCvc(_end))
            {
                SetSuffix("e");
            }
        }

        if (EndsWith("y") && HasVowelInStem())
        {
            _word[_end] = 'i';
        }
    }

    /// <summary>Double suffixes to single ones: "relational" → "relate", "hopefulness" → "hopeful".</summary>
    private void Step2()
    {
        foreach (var (suffix, replacement) in Step2Suffixes)
        {
            if (EndsWith(suffix))
            {
                ReplaceIfMeasured(replacement);
                return;
            }
        }
    }

    /// <summary>-ic-, -full, -ness: "electrical" → "electric", "goodness" → "good".</summary>
    private void Step3()
    {
        foreach (var (suffix, replacement) in Step3Suffixes)
        {
            if (EndsWith(suffix))
            {
                ReplaceIfMeasured(replacement);
                return;
            }
        }
    }

    /// <summary>-ant, -ence and the like, where the stem is long enough: "adjustment" → "adjust".</summary>
    private void Step4()
    {
        foreach (var suffix in Step4Suffixes)
        {
            if (EndsWith(suffix))
            {
                if (suffix == "ion" && (_stemEnd < 0 || _word[_stemEnd] is not ('s' or 't')))
                {
                    continue;
                }

                if (Measure() > 1)
                {
                    _end = _stemEnd;
                }

                return;
            }
        }
    }

    /// <summary>A final -e ("probate" → "probat", "rate" stays) and -ll to -l ("controll" → "control").</summary>
    private void Step5()
    {
        _stemEnd = _end;
        if (_word[_end] == 'e')
        {
            var m = Measure();
            if (m > 1 || (m == 1 && !EndsWithCvc(_end - 1)))
            {
                _end--;
            }
        }

        if (_word[_end] == 'l' && EndsWithDoubleConsonant(_end) && Measure() > 1)
        {
            _end--;
        }
    }

    private readonly bool IsConsonant(int i) => _word[i] switch
    {
        'a' or 'e' or 'i' or 'o' or 'u' => false,
        'y' => i == 0 || !IsConsonant(i - 1),
        _ => true,
    };

    /// <summary>m, the number of vowel–consonant sequences in the stem before the suffix: [C](VC)^m[V].</summary>
    private readonly int Measure()
    {
        var m = 0;
        var i = 0;
        while (i <= _stemEnd && IsConsonant(i))
        {
            i++;
        }

        while (i <= _stemEnd)
        {
            while (i <= _stemEnd && !IsConsonant(i))
            {
                i++;
            }

            if (i > _stemEnd)
            {
                break;
            }

            while (i <= _stemEnd && IsConsonant(i))
            {
                i++;
            }

            m++;
        }

        return m;
    }

    private readonly bool HasVowelInStem()
    {
        for (var i = 0; i <= _stemEnd; i++)
        {
            if (!IsConsonant(i))
            {
                return true;
            }
        }

        return false;
    }

    private readonly bool EndsWithDoubleConsonant(int i) => i >= 1 && _word[i] == _word[i - 1] && IsConsonant(i);

    /// <summary>Consonant, vowel, consonant ending at <paramref name="i"/>, the last not w, x or y ("hop", not "snow").</summary>
    private readonly bool EndsWithCvc(int i) =>
        i >= 2 && IsConsonant(i) && !IsConsonant(i - 1) && IsConsonant(i - 2) && _word[i] is not ('w' or 'x' or 'y');

    private bool EndsWith(string suffix)
    {
        var start = _end - suffix.Length + 1;
        if (start < 0 || !_word[start..(_end + 1)].SequenceEqual(suffix))
        {
            return false;
        }

        _stemEnd = start - 1;
        return true;
    }

    private void SetSuffix(string suffix)
    {
        suffix.CopyTo(_word[(_stemEnd + 1)..]);
        _end = _stemEnd + suffix.Length;
    }

    private void ReplaceIfMeasured(string suffix)
    {
        if (Measure() > 0)
        {
            SetSuffix(suffix);
        }
    }
}
