using System.Text.RegularExpressions;

namespace Bot.Core.Content;

/// <summary>
/// A small BM25 index over every section's own text, one per language, with Lucene's analyzers
/// for stemming and stop words (<c>verdragen</c> finds <c>verdrag</c>). Headings count three times.
/// </summary>
internal sealed partial class SearchIndex
{
    private const double K1 = 1.2;
    private const double B = 0.75;
    private const int SnippetLength = 220;

    private readonly Dictionary<string, LanguageIndex> _byLanguage;

    public SearchIndex(IEnumerable<ContentSection> sections)
    {
        _byLanguage = sections
            .Where(s => s.Text.Length > 0)
            .GroupBy(s => s.Page.Language)
            .ToDictionary(g => g.Key, g => new LanguageIndex(g.Key, g.ToList()));
    }

    /// <summary>The best sections for a query, from the user's language first.</summary>
    public IReadOnlyList<SearchHit> Search(string query, string language, int max)
    {
        var hits = new List<SearchHit>();
        if (_byLanguage.TryGetValue(language, out var own))
        {
            hits.AddRange(own.Search(query, max));
        }

        if (hits.Count < max)
        {
            foreach (var (other, index) in _byLanguage)
            {
                if (other != language)
                {
                    hits.AddRange(index.Search(query, max - hits.Count));
                }
            }
        }

        return hits.Take(max).ToList();
    }

    private sealed class LanguageIndex
    {
        private readonly string _language;
        private readonly List<ContentSection> _sections;
        private readonly Dictionary<string, List<(int Doc, int Frequency)>> _postings = new(StringComparer.Ordinal);
        private readonly int[] _lengths;
        private readonly double _averageLength;
        private readonly List<(string Text, HashSet<string> Terms)>[] _sentences;

        public LanguageIndex(string language, List<ContentSection> sections)
        {
            _language = language;
            _sections = sections;
            _lengths = new int[sections.Count];
            _sentences = new List<(string, HashSet<string>)>[sections.Count];
            for (var doc = 0; doc < sections.Count; doc++)
            {
                var section = sections[doc];
                var terms = TextAnalyzers.Terms(language, section.Text);
                var title = TextAnalyzers.Terms(language, section.Title);
                terms.AddRange(title);
                terms.AddRange(title);
                _lengths[doc] = terms.Count;
                foreach (var group in terms.GroupBy(t => t, StringComparer.Ordinal))
                {
                    if (!_postings.TryGetValue(group.Key, out var list))
                    {
                        _postings[group.Key] = list = [];
                    }

                    list.Add((doc, group.Count()));
                }

                var body = section.Text.Length > section.Title.Length ? section.Text[(section.Title.Length + 1)..] : section.Text;
                _sentences[doc] = SentenceEnd().Split(body)
                    .Select(s => s.Trim())
                    .Where(s => s.Length > 0)
                    .Select(s => (s, TextAnalyzers.Terms(language, s).ToHashSet(StringComparer.Ordinal)))
                    .ToList();
            }

            _averageLength = sections.Count == 0 ? 1 : Math.Max(1, _lengths.Average());
        }

        public List<SearchHit> Search(string query, int max)
        {
            var terms = TextAnalyzers.Terms(_language, query).Distinct(StringComparer.Ordinal).ToList();
            if (terms.Count == 0 || max <= 0)
            {
                return [];
            }

            var scores = new double[_sections.Count];
            foreach (var term in terms)
            {
                if (!_postings.TryGetValue(term, out var postings))
                {
                    continue;
                }

                var idf = Math.Log(1 + ((_sections.Count - postings.Count + 0.5) / (postings.Count + 0.5)));
                foreach (var (doc, frequency) in postings)
                {
                    var norm = K1 * (1 - B + (B * _lengths[doc] / _averageLength));
                    scores[doc] += idf * frequency * (K1 + 1) / (frequency + norm);
                }
            }

            return Enumerable.Range(0, scores.Length)
                .Where(doc => scores[doc] > 0)
                .OrderByDescending(doc => scores[doc])
                .Take(max)
                .Select(doc => new SearchHit(_sections[doc], scores[doc], Snippet(doc, terms)))
                .ToList();
        }

        private string Snippet(int doc, List<string> terms)
        {
            var best = _sentences[doc]
                .Select(s => (s.Text, Hits: terms.Count(s.Terms.Contains)))
                .OrderByDescending(s => s.Hits)
                .FirstOrDefault();
            var text = best.Text ?? _sections[doc].Title;
            if (text.Length <= SnippetLength)
            {
                return text;
            }

            var cut = text.LastIndexOf(' ', SnippetLength);
            return text[..(cut > SnippetLength / 2 ? cut : SnippetLength)] + "…";
        }
    }

    [GeneratedRegex(@"(?<=[.!?])\s+|\n+")]
    private static partial Regex SentenceEnd();
}
