using System.Text.RegularExpressions;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Bot.Core.Content;

/// <summary>
/// Finds summits, treaties and the agenda in the text itself: a summit is a heading with a year
/// and a summit word; a treaty is a list item that starts with a bold name followed by a year in
/// parentheses; the agenda is the list under a heading that says agenda.
/// </summary>
internal static partial class EntityExtractor
{
    private const double Strong = 3;
    private const double Weak = 1;

    private static readonly HashSet<string> StopWords =
    [
        "de", "het", "een", "en", "van", "in", "op", "voor", "met", "te", "is", "om", "dat", "die", "zijn", "naar",
        "the", "a", "an", "of", "and", "on", "for", "to", "with", "at", "by", "is", "was", "that",
    ];

    private static readonly string[] SummitWords = ["summit", "conference", "conferentie", "convening", "meeting", "bijeenkomst"];

    public static bool IsStopWord(string token) => StopWords.Contains(token);

    public static IEnumerable<ContentEntity> Extract(ContentPage page, AliasTable aliases)
    {
        var summits = page.Sections.Select(s => Summit(s, aliases)).ToList();
        var aboutSummits = summits.Any(s => s is not null);
        for (var i = 0; i < page.Sections.Count; i++)
        {
            var section = page.Sections[i];
            if (summits[i] is { } summit)
            {
                yield return summit;
            }

            if (!aboutSummits)
            {
                continue;
            }

            if (Agenda(section) is { } agenda)
            {
                yield return agenda;
            }

            foreach (var treaty in Treaties(section, aliases))
            {
                yield return treaty;
            }
        }
    }

    private static ContentEntity? Summit(ContentSection section, AliasTable aliases)
    {
        if (!section.HasHeading)
        {
            return null;
        }

        var heading = TextNormalizer.Normalize(section.Title);
        var tokens = heading.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // Dutch compounds end in "top" (AI-veiligheidstop, Actie-top).
        var isSummit = tokens.Any(t => (t.EndsWith("top", StringComparison.Ordinal) && t != "stop") || SummitWords.Any(w => t.Contains(w, StringComparison.Ordinal)));
        var year = FirstYear(section.Title) ?? FirstYear(section.StruckText);
        if (!isSummit || year is null)
        {
            return null;
        }

        var keywords = new Dictionary<string, double>();
        Add(keywords, tokens, Strong);
        Add(keywords, TextNormalizer.Tokens(section.StruckText), Weak);
        Add(keywords, ProperNouns(section.Text), Weak);
        var headingGroups = aliases.FoundIn(heading).ToList();
        foreach (var group in aliases.FoundIn(TextNormalizer.Normalize(section.Text)).Except(headingGroups))
        {
            Add(keywords, group.Names.SelectMany(n => n.Split(' ')), Weak);
        }

        foreach (var group in headingGroups)
        {
            Add(keywords, group.Names.SelectMany(n => n.Split(' ')), Strong);
        }

        var placeGroup = headingGroups.FirstOrDefault(g => g.Id.StartsWith("places/", StringComparison.Ordinal))?.Id.Split('/')[^1];
        var place = headingGroups.FirstOrDefault()?.Id.Split('/')[^1] ?? section.Anchor;
        return new ContentEntity(EntityKind.Summit, $"summit-{year}-{place}", section.Title, year, section, section.Blocks, keywords, placeGroup);
    }

    private static ContentEntity? Agenda(ContentSection section)
    {
        if (!section.HasHeading || !TextNormalizer.Tokens(section.Title).Contains("agenda"))
        {
            return null;
        }

        var lists = section.Blocks.Take(section.OwnBlockCount).OfType<ListBlock>().ToList<Block>();
        if (lists.Count == 0)
        {
            return null;
        }

        var keywords = new Dictionary<string, double>();
        Add(keywords, TextNormalizer.Tokens(section.Title), Strong);
        return new ContentEntity(EntityKind.Agenda, "agenda", section.Title, null, section, lists, keywords);
    }

    private static IEnumerable<ContentEntity> Treaties(ContentSection section, AliasTable aliases)
    {
        foreach (var list in section.Blocks.Take(section.OwnBlockCount).OfType<ListBlock>())
        {
            foreach (var item in list.OfType<ListItemBlock>())
            {
                if (item.FirstOrDefault() is not ParagraphBlock { Inline: { } inline } paragraph
                    || inline.FirstChild is not EmphasisInline { DelimiterCount: 2, DelimiterChar: '*' or '_' } bold
                    || TreatyYear().Match(TextAfter(bold)) is not { Success: true } yearMatch)
                {
                    continue;
                }

                var name = InlineText.Split(bold).Live;
                var year = int.Parse(yearMatch.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
                var nameTokens = TextNormalizer.Tokens(name);
                var keywords = new Dictionary<string, double>();
                Add(keywords, nameTokens, Strong);
                Add(keywords, [year.ToString(System.Globalization.CultureInfo.InvariantCulture)], Strong);
                foreach (var group in aliases.FoundIn(TextNormalizer.Normalize(name)))
                {
                    Add(keywords, group.Names.SelectMany(n => n.Split(' ')), Strong);
                }

                Add(keywords, ProperNouns(InlineText.OfBlocks([paragraph])), Weak);
                var first = nameTokens.FirstOrDefault(t => !IsStopWord(t)) ?? "treaty";
                yield return new ContentEntity(EntityKind.Treaty, $"treaty-{year}-{first}", name, year, section, item.ToList(), keywords);
            }
        }
    }

    private static string TextAfter(Inline inline)
    {
        var text = new System.Text.StringBuilder();
        for (var node = inline.NextSibling; node is not null && text.Length < 40; node = node.NextSibling)
        {
            if (node is LiteralInline literal)
            {
                text.Append(literal.Content.AsSpan());
            }
            else
            {
                break;
            }
        }

        return text.ToString();
    }

    private static int? FirstYear(string text) =>
        Year().Match(text) is { Success: true } match ? int.Parse(match.ValueSpan, System.Globalization.CultureInfo.InvariantCulture) : null;

    private static IEnumerable<string> ProperNouns(string text) =>
        ProperNoun().Matches(text).Select(m => TextNormalizer.Normalize(m.Value)).Where(t => t.Length >= 4);

    private static void Add(Dictionary<string, double> keywords, IEnumerable<string> tokens, double weight)
    {
        foreach (var token in tokens)
        {
            if (token.Length == 0 || IsStopWord(token))
            {
                continue;
            }

            keywords[token] = Math.Max(weight, keywords.GetValueOrDefault(token));
        }
    }

    [GeneratedRegex(@"\b(?:1[89]|20)\d{2}\b")]
    private static partial Regex Year();

    [GeneratedRegex(@"^\s*\((\d{4})\)")]
    private static partial Regex TreatyYear();

    [GeneratedRegex(@"\b\p{Lu}[\p{L}]+")]
    private static partial Regex ProperNoun();
}
