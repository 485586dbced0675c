namespace Bot.Core.Content.Text;

/// <summary>
/// The Snowball stemmer for Dutch (snowballstem.org; the original algorithm, which Lucene's DutchAnalyzer runs and
/// Snowball 3 calls dutch_porter): "verdragen" → "verdrag", "ontwikkelingen" → "ontwikkel", "maan" → "man".
/// </summary>
internal ref struct DutchStemmer
{
    private readonly Span<char> _word;
    private int _length;

    /// <summary>R1 and R2: where the regions start in which suffixes may be removed.</summary>
    private int _r1;
    private int _r2;

    /// <summary>Whether step 2 removed an -e (then "-bar" may go).</summary>
    private bool _eRemoved;

    private DutchStemmer(Span<char> word)
    {
        _word = word;
        _length = word.Length;
    }

    /// <summary>Stems a lower-case word in place and gives the stem's length (no step makes a word longer).</summary>
    public static int Stem(Span<char> word)
    {
        var stemmer = new DutchStemmer(word);
        stemmer.MarkConsonants();
        stemmer.FindRegions();
        stemmer.RemovePluralOrInflection();
        stemmer.RemoveE();
        stemmer.RemoveHeid();
        stemmer.RemoveDerivation();
        stemmer.UndoubleVowel();
        var stem = word[..stemmer._length];
        stem.Replace('I', 'i');
        stem.Replace('Y', 'y');
        return stem.Length;
    }

    /// <summary>
    /// Drops umlauts and acute accents ("geëist" → "geeist"), then writes a y at the start or after a vowel, and an
    /// i between vowels, in upper case: there they are consonants ("mooie", "koeien").
    /// </summary>
    private readonly void MarkConsonants()
    {
        for (var i = 0; i < _length; i++)
        {
            _word[i] = _word[i] switch
            {
                'ä' or 'á' => 'a',
                'ë' or 'é' => 'e',
                'ï' or 'í' => 'i',
                'ö' or 'ó' => 'o',
                'ü' or 'ú' => 'u',
                var c => c,
            };
        }

        if (_length > 0 && _word[0] == 'y')
        {
            _word[0] = 'Y';
        }

        for (var i = 0; i + 1 < _length; i++)
        {
            if (!IsVowel(_word[i]))
            {
                continue;
            }

            if (_word[i + 1] == 'i' && i + 2 < _length && IsVowel(_word[i + 2]))
            {
                _word[i + 1] = 'I';
            }
            else if (_word[i + 1] == 'y')
            {
                _word[i + 1] = 'Y';
            }
        }
    }

    /// <summary>R1 starts after the first consonant that follows a vowel, but not before the fourth letter; R2 likewise after R1.</summary>
    private void FindRegions()
    {
        _r1 = _length;
        _r2 = _length;
        var i = AfterVowelAndConsonant(0);
        if (i < 0)
        {
            return;
        }

        _r1 = Math.Max(i, 3);
        i = AfterVowelAndConsonant(i);
        if (i >= 0)
        {
            _r2 = i;
        }
    }

    private readonly int AfterVowelAndConsonant(int from)
    {
        var i = from;
        while (i < _length && !IsVowel(_word[i]))
        {
            i++;
        }

        while (i < _length && IsVowel(_word[i]))
        {
            i++;
        }

        return i < _length ? i + 1 : -1;
    }

    /// <summary>Step 1: -heden to -heid, and -en, -ene, -s, -se.</summary>
    private void RemovePluralOrInflection()
    {
        if (EndsWith("heden"))
        {
            if (InR1("heden"))
            {
                _length -= "heden".Length;
                Append("heid");
            }
        }
        else if (EndsWith("ene"))
        {
            RemoveEn("ene");
        }
        else if (EndsWith("en"))
        {
            RemoveEn("en");
        }
        else if (EndsWith("se") || EndsWith("s"))
        {
            var suffix = EndsWith("se") ? "se" : "s";
            var before = _length - suffix.Length - 1;
            if (InR1(suffix) && before >= 0 && !IsVowel(_word[before]) && _word[before] != 'j')
            {
                _length -= suffix.Length;
            }
        }
    }

    /// <summary>Step 2: an -e after a consonant.</summary>
    private void RemoveE()
    {
        _eRemoved = false;
        if (EndsWith("e") && InR1("e") && _length >= 2 && !IsVowel(_word[_length - 2]))
        {
            _length--;
            _eRemoved = true;
            Undouble();
        }
    }

    /// <summary>Step 3a: -heid, unless after a c, and an -en before it.</summary>
    private void RemoveHeid()
    {
        if (EndsWith("heid") && InR2("heid") && !(_length >= 5 && _word[_length - 5] == 'c'))
        {
            _length -= "heid".Length;
            if (EndsWith("en"))
            {
                RemoveEn("en");
            }
        }
    }

    /// <summary>Step 3b: -end, -ing, -ig, -lijk, -baar, -bar.</summary>
    private void RemoveDerivation()
    {
        if (EndsWith("end") || EndsWith("ing"))
        {
            if (InR2("ing"))
            {
                _length -= 3;
                if (EndsWith("ig") && InR2("ig") && !(_length >= 3 && _word[_length - 3] == 'e'))
                {
                    _length -= 2;
                }
                else
                {
                    Undouble();
                }
            }
        }
        else if (EndsWith("ig"))
        {
            if (InR2("ig") && !(_length >= 3 && _word[_length - 3] == 'e'))
            {
                _length -= 2;
            }
        }
        else if (EndsWith("lijk"))
        {
            if (InR2("lijk"))
            {
                _length -= 4;
                RemoveE();
            }
        }
        else if (EndsWith("baar"))
        {
            if (InR2("baar"))
            {
                _length -= 4;
            }
        }
        else if (EndsWith("bar") && InR2("bar") && _eRemoved)
        {
            _length -= 3;
        }
    }

    /// <summary>Step 4: a double vowel before a final consonant is made single ("maan" → "man", "brood" → "brod").</summary>
    private void UndoubleVowel()
    {
        if (_length < 4)
        {
            return;
        }

        var last = _word[_length - 1];
        var vowel = _word[_length - 2];
        if (!IsVowel(last) && last != 'I' && (vowel is 'a' or 'e' or 'o' or 'u') && _word[_length - 3] == vowel
            && !IsVowel(_word[_length - 4]))
        {
            _word[_length - 2] = last;
            _length--;
        }
    }

    /// <summary>-en or -ene after a consonant, but not after "gem", then -kk, -dd, -tt made single.</summary>
    private void RemoveEn(string suffix)
    {
        var before = _length - suffix.Length;
        if (InR1(suffix) && before >= 1 && !IsVowel(_word[before - 1]) && !_word[..before].EndsWith("gem"))
        {
            _length = before;
            Undouble();
        }
    }

    private void Undouble()
    {
        if (EndsWith("kk") || EndsWith("dd") || EndsWith("tt"))
        {
            _length--;
        }
    }

    private readonly bool EndsWith(string suffix) => _word[.._length].EndsWith(suffix);

    private readonly bool InR1(string suffix) => _length - suffix.Length >= _r1;

    private readonly bool InR2(string suffix) => _length - suffix.Length >= _r2;

    private void Append(string text)
    {
        text.CopyTo(_word[_length..]);
        _length += text.Length;
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y' or 'è';
}
