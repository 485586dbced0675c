namespace Bot.Core.Content;

/// <summary>
/// Points the sections of translated pages at the heading ids of the site-language page they
/// translate, since the site publishes only that page (while <see cref="ContentOptions.LocalizedUrls"/> is off).
/// </summary>
internal static class SiteSections
{
    public static void Link(IReadOnlyList<ContentPage> pages, ContentOptions options)
    {
        if (options.LocalizedUrls)
        {
            return;
        }

        var originals = pages.Where(p => p.Language == options.SiteLanguage).GroupBy(p => p.Slug).ToDictionary(g => g.Key, g => g.First());
        foreach (var page in pages.Where(p => p.Language != options.SiteLanguage))
        {
            var anchors = Align(page.Sections, originals.TryGetValue(page.Slug, out var original) ? original.Sections : []);
            for (var i = 0; i < page.Sections.Count; i++)
            {
                page.Sections[i].Url = anchors[i] is { } anchor ? new Uri(page.Url, "#" + anchor) : page.Url;
            }
        }
    }

    /// <summary>
    /// The original's anchor for each translated section, or null. A translated heading whose id
    /// (<c>{#id}</c>) the original has is a fixed point; between two fixed points the headings are
    /// matched by position only when both runs have the same length and the same levels, since
    /// translations drop, add and regroup sections (a stale <c>{#id}</c> is matched that way too).
    /// </summary>
    internal static string?[] Align(IReadOnlyList<ContentSection> translated, IReadOnlyList<ContentSection> original)
    {
        var result = new string?[translated.Count];
        if (original.Count == 0 || translated.Count == 0)
        {
            return result;
        }

        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 1; i < original.Count; i++)
        {
            positions.TryAdd(original[i].Anchor, i);
        }

        // The leads (index 0) always correspond; they link to the page itself.
        var fixedPoints = new List<(int Translated, int Original)> { (0, 0) };
        for (var t = 1; t < translated.Count; t++)
        {
            if (Find(positions, translated[t].Anchor) is { } o && o > fixedPoints[^1].Original)
            {
                fixedPoints.Add((t, o));
                result[t] = original[o].Anchor;
            }
        }

        fixedPoints.Add((translated.Count, original.Count));
        for (var k = 0; k + 1 < fixedPoints.Count; k++)
        {
            var (t0, o0) = fixedPoints[k];
            var (t1, o1) = fixedPoints[k + 1];
            var length = t1 - t0 - 1;
            if (length <= 0 || length != o1 - o0 - 1)
            {
                continue;
            }

            var sameLevels = Enumerable.Range(1, length).All(j => translated[t0 + j].Level == original[o0 + j].Level);
            for (var j = 1; sameLevels && j <= length; j++)
            {
                result[t0 + j] = original[o0 + j].Anchor;
            }
        }

        return result;
    }

    /// <summary>
    /// The original's heading with this id; failing that, with the id less a "-1"-style suffix,
    /// which the site adds to a repeated id (the translation cache took ids from such a page).
    /// </summary>
    private static int? Find(Dictionary<string, int> positions, string anchor)
    {
        if (positions.TryGetValue(anchor, out var exact))
        {
            return exact;
        }

        var dash = anchor.LastIndexOf('-');
        return dash > 0 && anchor[(dash + 1)..] is { Length: > 0 } suffix && suffix.All(char.IsAsciiDigit) && positions.TryGetValue(anchor[..dash], out var trimmed)
            ? trimmed
            : null;
    }
}
