using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Bot.Core.Content.Text;

namespace Bot.Core.Content;

/// <summary>
/// A small BM25F index over every section, one per language, with our term analyzers for stemming
/// and stop words (<c>verdragen</c> finds <c>verdrag</c>). A word in the section's heading counts
/// <see cref="HeadingWeight"/> times, in the page's title <see cref="PageTitleWeight"/> times.
/// Copies of one section in several languages (a translation and the page it translates, which
/// share a link) are one hit, shown in the user's language where it has one. The other languages
/// are searched too, with the user's stop words left out, and their hits count a little less.
/// </summary>
internal sealed partial class SearchIndex
{
    private const double K1 = 1.2;
    private const double B = 0.75;
    private const double HeadingWeight = 4;
    private const double PageTitleWeight = 2;
    private const double OtherLanguageWeight = 0.8;

    /// <summary>Added per query word the heading has (the page title for the lead), past BM25's saturation.</summary>
    private const double HeadingBonus = 1.5;

    /// <summary>A snippet grows by whole sentences up to this many characters.</summary>
    private const int SnippetTarget = 160;

    /// <summary>A single sentence longer than this is cut at a word.</summary>
    private const int SnippetMax = 320;

    /// <summary>A snippet shorter than this (a list item, a table cell) takes in the next ones.</summary>
    private const int ShortSnippet = 60;

    private readonly Dictionary<string, LanguageIndex> _byLanguage;
    private readonly int _groupCount;

    public SearchIndex(IEnumerable<ContentSection> sections)
    {
        var groups = new Dictionary<string, int>(StringComparer.Ordinal);
        var all = sections.Select(s => (Section: s, Group: GroupOf(s, groups))).ToList();
        _groupCount = groups.Count;
        _byLanguage = all
            .GroupBy(s => s.Section.Page.Language)
            .ToDictionary(g => g.Key, g => new LanguageIndex(g.Key, g.ToList()));
    }

    /// <summary>The best sections for a query, each once, in the user's language where possible.</summary>
    public IReadOnlyList<SearchHit> Search(string query, string language, int max)
    {
        var ownTerms = TextAnalyzers.Terms(language, query).Distinct(StringComparer.Ordinal).ToList();
        if (ownTerms.Count == 0 || max <= 0)
        {
            return [];
        }

        var scores = new double[_groupCount];
        var best = new (LanguageIndex Index, int Doc)[_groupCount];
        var termsByLanguage = new Dictionary<string, List<string>>(StringComparer.Ordinal) { [language] = ownTerms };
        foreach (var (indexLanguage, index) in _byLanguage)
        {
            if (!termsByLanguage.TryGetValue(indexLanguage, out var terms))
            {
                termsByLanguage[indexLanguage] = terms = TermsForOtherLanguage(query, language, indexLanguage);
            }

            index.Score(terms, indexLanguage == language ? 1 : OtherLanguageWeight, scores, best);
        }

        var own = _byLanguage.GetValueOrDefault(language);
        var hits = new List<SearchHit>(max);
        foreach (var group in TopGroups(scores, max))
        {
            var (index, doc) = best[group];
            if (own is not null && index != own && own.DocOf(group) is { } ownDoc)
            {
                (index, doc) = (own, ownDoc);
            }

            hits.Add(new SearchHit(index.Section(doc), scores[group], index.Snippet(doc, termsByLanguage[index.Language])));
        }

        return hits;
    }

    private static List<int> TopGroups(double[] scores, int max)
    {
        var top = new List<int>(max + 1);
        for (var g = 0; g < scores.Length; g++)
        {
            if (scores[g] <= 0)
            {
                continue;
            }

            var at = top.Count;
            while (at > 0 && scores[top[at - 1]] < scores[g])
            {
                at--;
            }

            if (at < max)
            {
                top.Insert(at, g);
                if (top.Count > max)
                {
                    top.RemoveAt(max);
                }
            }
        }

        return top;
    }

    /// <summary>The query's words without the user's own stop words, analyzed for another language.</summary>
    private static List<string> TermsForOtherLanguage(string query, string userLanguage, string language)
    {
        var stop = StopWordsOf(userLanguage);
        var kept = query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Where(w => stop is null || !stop.Contains(w.Trim('.', ',', '?', '!', ':', ';', '"', '\'').ToLowerInvariant()));
        return TextAnalyzers.Terms(language, string.Join(' ', kept)).Distinct(StringComparer.Ordinal).ToList();
    }

    private static FrozenSet<string>? StopWordsOf(string language) => language switch
    {
        "nl" => StopWords.Dutch,
        "en" => StopWords.English,
        _ => null,
    };

    /// <summary>Sections with the same published link are copies of one section; others stand alone.</summary>
    private static int GroupOf(ContentSection section, Dictionary<string, int> groups)
    {
        var key = !section.HasHeading || section.Url.Fragment.Length > 1
            ? section.Url.AbsoluteUri
            : section.Page.Path + "#" + section.Anchor;
        if (!groups.TryGetValue(key, out var group))
        {
            groups[key] = group = groups.Count;
        }

        return group;
    }

    /// <summary>Pages say "artificial intelligence" where people type "AI".</summary>
    private static string WithAbbreviations(string text) => ArtificialIntelligence().Replace(text, "$0 AI");

    [GeneratedRegex(@"\b(artificial intelligence|kunstmatige intelligentie)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ArtificialIntelligence();

    private sealed class LanguageIndex
    {
        private readonly List<ContentSection> _sections;
        private readonly int[] _groups;
        private readonly Dictionary<int, int> _docOfGroup = [];
        private readonly Dictionary<string, (int Doc, double Weight)[]> _postings = new(StringComparer.Ordinal);
        private readonly Dictionary<string, double> _idf = new(StringComparer.Ordinal);
        private readonly List<(Sentence Sentence, string[] Terms)>[] _sentences;

        public LanguageIndex(string language, List<(ContentSection Section, int Group)> sections)
        {
            Language = language;
            _sections = sections.Select(s => s.Section).ToList();
            _groups = sections.Select(s => s.Group).ToArray();
            _sentences = new List<(Sentence, string[])>[_sections.Count];
            var frequencies = new Dictionary<string, double>[_sections.Count];
            var headings = new HashSet<string>[_sections.Count];
            var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
            var lengths = new int[_sections.Count];
            for (var doc = 0; doc < _sections.Count; doc++)
            {
                _docOfGroup.TryAdd(_groups[doc], doc);
                var section = _sections[doc];
                var sentences = !section.HasHeading && section.Page.Description is { Length: > 0 } description
                    ? Sentences.OfText(description).Concat(Sentences.Of(section.Blocks.Take(section.OwnBlockCount))).ToList()
                    : Sentences.Of(section.Blocks.Take(section.OwnBlockCount));
                _sentences[doc] = sentences.Select(s => (s, TextAnalyzers.Terms(language, WithAbbreviations(s.Text)).ToArray())).ToList();

                var tf = new Dictionary<string, double>(StringComparer.Ordinal);
                var length = 0;
                foreach (var (_, terms) in _sentences[doc])
                {
                    Count(tf, terms, 1, ref length);
                }

                // The lead stands for the whole page, which the site names by its file name too (/join, /faq).
                var heading = TextAnalyzers.Terms(language, WithAbbreviations(section.HasHeading ? section.Title : section.Title + " " + section.Page.Slug.Replace('-', ' ')));
                Count(tf, heading, HeadingWeight, ref length);
                headings[doc] = heading.ToHashSet(StringComparer.Ordinal);

                // Every section of a page shares its title: counting it would make the title's words look common.
                foreach (var term in tf.Keys)
                {
                    documentFrequency[term] = documentFrequency.GetValueOrDefault(term) + 1;
                }

                if (section.HasHeading)
                {
                    Count(tf, TextAnalyzers.Terms(language, section.Page.Title), PageTitleWeight, ref length);
                }

                frequencies[doc] = tf;
                lengths[doc] = length;
            }

            var average = _sections.Count == 0 ? 1 : Math.Max(1, lengths.Average());
            var postings = new Dictionary<string, List<(int, double)>>(StringComparer.Ordinal);
            for (var doc = 0; doc < _sections.Count; doc++)
            {
                var norm = K1 * (1 - B + (B * lengths[doc] / average));
                foreach (var (term, frequency) in frequencies[doc])
                {
                    if (!postings.TryGetValue(term, out var list))
                    {
                        postings[term] = list = [];
                    }

                    list.Add((doc, (frequency * (K1 + 1) / (frequency + norm)) + (headings[doc].Contains(term) ? HeadingBonus : 0)));
                }
            }

            foreach (var (term, list) in postings)
            {
                _postings[term] = [.. list];
                var df = Math.Max(1, documentFrequency.GetValueOrDefault(term));
                _idf[term] = Math.Log(1 + ((_sections.Count - df + 0.5) / (df + 0.5)));
            }
        }

        public string Language { get; }

        public ContentSection Section(int doc) => _sections[doc];

        public int? DocOf(int group) => _docOfGroup.TryGetValue(group, out var doc) ? doc : null;

        /// <summary>Adds each section's score to its group, keeping the best copy of each group.</summary>
        public void Score(List<string> terms, double weight, double[] groupScores, (LanguageIndex Index, int Doc)[] best)
        {
            if (terms.Count == 0)
            {
                return;
            }

            var scores = new double[_sections.Count];
            foreach (var term in terms)
            {
                if (_postings.TryGetValue(term, out var postings))
                {
                    var idf = _idf[term];
                    foreach (var (doc, w) in postings)
                    {
                        scores[doc] += idf * w;
                    }
                }
            }

            for (var doc = 0; doc < scores.Length; doc++)
            {
                var score = scores[doc] * weight;
                if (score > groupScores[_groups[doc]])
                {
                    groupScores[_groups[doc]] = score;
                    best[_groups[doc]] = (this, doc);
                }
            }
        }

        /// <summary>The sentence with most of the query's words, grown by its neighbours to a readable length.</summary>
        public List<SnippetPart> Snippet(int doc, List<string> terms)
        {
            var sentences = _sentences[doc];
            if (sentences.Count == 0)
            {
                return [new SnippetPart(_sections[doc].Page.Description ?? _sections[doc].Title, null)];
            }

            var bestAt = 0;
            var bestHits = -1;
            for (var i = 0; i < sentences.Count; i++)
            {
                var hits = terms.Count(t => Array.IndexOf(sentences[i].Terms, t) >= 0);
                if (hits > bestHits)
                {
                    (bestAt, bestHits) = (i, hits);
                }
            }

            // Whole sentences of the same paragraph first; a short list item borrows its neighbours, set apart.
            var first = bestAt;
            var last = bestAt;
            var length = sentences[bestAt].Sentence.Text.Length;
            var paragraph = sentences[bestAt].Sentence.Paragraph;
            while (length < SnippetTarget)
            {
                if (last + 1 < sentences.Count && (sentences[last + 1].Sentence.Paragraph == paragraph || length < ShortSnippet) && Fits(sentences[last + 1].Sentence, paragraph))
                {
                    length += sentences[++last].Sentence.Text.Length + 3;
                }
                else if (first > 0 && sentences[first - 1].Sentence.Paragraph == paragraph && Fits(sentences[first - 1].Sentence, paragraph))
                {
                    length += sentences[--first].Sentence.Text.Length + 1;
                }
                else
                {
                    break;
                }

                bool Fits(Sentence next, int own) => length + next.Text.Length + 3 <= (next.Paragraph == own ? SnippetMax : SnippetTarget);
            }

            var parts = new List<SnippetPart>();
            for (var i = first; i <= last; i++)
            {
                if (i > first)
                {
                    parts.Add(new SnippetPart(sentences[i].Sentence.Paragraph == sentences[i - 1].Sentence.Paragraph ? " " : " · ", null));
                }

                parts.AddRange(sentences[i].Sentence.Parts);
            }

            return Cut(parts);
        }

        private static List<SnippetPart> Cut(List<SnippetPart> parts)
        {
            var total = 0;
            for (var i = 0; i < parts.Count; i++)
            {
                if (total + parts[i].Text.Length <= SnippetMax)
                {
                    total += parts[i].Text.Length;
                    continue;
                }

                var room = SnippetMax - total;
                var text = parts[i].Text;
                var cut = text.LastIndexOf(' ', Math.Max(0, Math.Min(room, text.Length - 1)));
                var kept = parts.Take(i).ToList();
                if (cut > 0)
                {
                    kept.Add(parts[i] with { Text = text[..cut] });
                }

                kept.Add(new SnippetPart("…", null));
                return kept;
            }

            return parts;
        }

        private static void Count(Dictionary<string, double> tf, IEnumerable<string> terms, double weight, ref int length)
        {
            foreach (var term in terms)
            {
                tf[term] = tf.GetValueOrDefault(term) + weight;
                length++;
            }
        }
    }
}
