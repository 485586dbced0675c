namespace Bot.Core.Content;

/// <summary>
/// Matches a user's words to entities: case, accents and punctuation ignored, small typos
/// tolerated, translations merged by key, the user's language preferred.
/// </summary>
internal sealed class EntityResolver
{
    /// <summary>The average score a word needs for a match to count (a fuzzy match on a name word is 2.1).</summary>
    private const double Threshold = 1.5;

    /// <summary>A second match this close to the best makes the answer ambiguous.</summary>
    private const double Closeness = 0.9;

    private readonly IReadOnlyList<ContentEntity> _entities;
    private readonly string _defaultLanguage;

    public EntityResolver(IReadOnlyList<ContentEntity> entities, string defaultLanguage)
    {
        _entities = entities;
        _defaultLanguage = defaultLanguage;
    }

    /// <summary>Every entity of a kind once, in the language chosen for the user, in page order.</summary>
    public IReadOnlyList<EntityMatch> All(EntityKind kind, string language) =>
        _entities.Where(e => e.Kind == kind).GroupBy(e => e.Key).Select(g => Choose(g, language, 0)).ToList();

    public EntityResolution Resolve(EntityKind kind, string query, string language)
    {
        var tokens = TextNormalizer.Tokens(query);
        var words = tokens.Where(t => !EntityExtractor.IsStopWord(t)).ToArray();
        if (words.Length == 0)
        {
            words = tokens;
        }

        if (words.Length == 0)
        {
            return new EntityResolution(null, []);
        }

        var normalizedQuery = string.Join('-', tokens);
        var scored = _entities
            .Where(e => e.Kind == kind)
            .Select(e => (Entity: e, Score: e.Key == normalizedQuery || e.Section.Anchor == normalizedQuery ? 100 : Score(e, words)))
            .Where(s => s.Score > 0)
            .GroupBy(s => s.Entity.Key)
            .Select(g => Choose(g.Select(s => s.Entity), language, g.Max(s => s.Score)))
            .OrderByDescending(m => m.Score)
            .ThenByDescending(m => m.Entity.Year)
            .ToList();

        if (scored.Count == 0)
        {
            return new EntityResolution(null, []);
        }

        var best = scored[0];
        if (best.Score / words.Length < Threshold)
        {
            return new EntityResolution(null, scored.Take(5).ToList());
        }

        var close = scored.TakeWhile(m => m.Score >= best.Score * Closeness).ToList();
        return close.Count == 1 ? new EntityResolution(best, []) : new EntityResolution(null, close, IsAmbiguous: true);
    }

    private EntityMatch Choose(IEnumerable<ContentEntity> translations, string language, double score)
    {
        var all = translations.ToList();
        var chosen = all.FirstOrDefault(e => e.Language == language)
            ?? all.FirstOrDefault(e => e.Language == _defaultLanguage)
            ?? all[0];
        return new EntityMatch(chosen, score, chosen.Language != language);
    }

    private static double Score(ContentEntity entity, string[] words)
    {
        var total = 0.0;
        foreach (var word in words)
        {
            var best = 0.0;
            foreach (var (keyword, weight) in entity.Keywords)
            {
                best = Math.Max(best, weight * Similarity(word, keyword));
                if (best >= weight && weight >= 3)
                {
                    break;
                }
            }

            total += best;
        }

        return total;
    }

    /// <summary>1 for the same word, less for a prefix or a small typo, 0 otherwise. Numbers match only exactly.</summary>
    internal static double Similarity(string word, string keyword)
    {
        if (word == keyword)
        {
            return 1;
        }

        if (word.Any(char.IsDigit) || keyword.Any(char.IsDigit))
        {
            return 0;
        }

        if (word.Length >= 3 && keyword.StartsWith(word, StringComparison.Ordinal))
        {
            return 0.85;
        }

        var allowed = word.Length >= 7 ? 2 : word.Length >= 4 ? 1 : 0;
        return allowed > 0 && Math.Abs(word.Length - keyword.Length) <= allowed && Distance(word, keyword, allowed) <= allowed ? 0.7 : 0;
    }

    /// <summary>Optimal string alignment distance, giving up past <paramref name="max"/>.</summary>
    private static int Distance(string a, string b, int max)
    {
        Span<int> previous2 = stackalloc int[b.Length + 1];
        Span<int> previous = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }

                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin > max)
            {
                return rowMin;
            }

            var spare = previous2;
            previous2 = previous;
            previous = current;
            current = spare;
        }

        return previous[b.Length];
    }
}
