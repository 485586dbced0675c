using System.Globalization;
using Bot.Core.Content;
using Bot.Core.Kernel;
using Bot.Core.Replies;
using Markdig.Syntax.Inlines;

namespace Bot.Core.Commands;

/// <summary>The answers shared by the commands that look up an entity (<c>/summit</c>, <c>/verdrag</c>).</summary>
internal static partial class EntityReplies
{
    private const int MaxChoices = 5;

    /// <summary>Looks the argument up and answers with the entity, the list, or "did you mean".</summary>
    public static Reply Answer(ContentIndex index, SummitPlaces places, EntityKind kind, string command, CommandRequest request, UiLanguage language, UiText listTitle)
    {
        var contentLanguage = ContentLanguage.Of(language);
        if (request.Arguments.Length == 0)
        {
            return List(index, places, kind, command, contentLanguage, language, listTitle);
        }

        var resolution = index.Resolve(kind, request.Arguments, contentLanguage);
        if (resolution.Best is { } best)
        {
            return Card(best, language);
        }

        var known = InDateOrder(index.All(kind, contentLanguage));
        var suggestions = resolution.Candidates.Count > 0 ? resolution.Candidates : [];
        if (resolution.IsAmbiguous)
        {
            return new Reply
            {
                Body =
                [
                    ReplyText.Paragraph(UiTexts.Get(language, UiText.SeveralMatches, request.Arguments)),
                    ReplyText.BulletList(suggestions.Select(m => new Inline[] { ReplyText.Link(Label(m.Entity, places, language), m.Entity.Url) })),
                ],
                Choices = suggestions.Take(MaxChoices).Select(s => Choice(index, places, s.Entity, command, language)).ToList(),
            };
        }

        var body = new List<Markdig.Syntax.Block>
        {
            ReplyText.Paragraph(UiTexts.Get(language, UiText.NoMatch, request.Arguments)),
        };
        if (suggestions.Count > 0)
        {
            var names = string.Join(" / ", suggestions.Take(MaxChoices).Select(s => Label(s.Entity, places, language)));
            body.Add(ReplyText.Paragraph(UiTexts.Get(language, UiText.DidYouMean, names)));
        }

        body.Add(ReplyText.Paragraph(UiTexts.Get(language, listTitle)));
        body.Add(ReplyText.BulletList(known.Select(m => new Inline[] { ReplyText.Text(Label(m.Entity, places, language)) })));
        var choices = (suggestions.Count > 0 ? suggestions : known).Take(MaxChoices).Select(s => Choice(index, places, s.Entity, command, language)).ToList();
        return new Reply { Body = body, Choices = choices, IsError = suggestions.Count == 0 };
    }

    /// <summary>The answer for one entity: its section as a card with a deep link.</summary>
    public static Reply Card(EntityMatch match, UiLanguage language)
    {
        var entity = match.Entity;
        var title = entity.Kind == EntityKind.Treaty && entity.Year is { } year ? $"{entity.Name} ({year.ToString(CultureInfo.InvariantCulture)})" : entity.Name;
        var card = new ReplyCard(title, entity.Url, entity.Body, entity.Section.Page.Title)
        {
            Heading = entity.Kind == EntityKind.Treaty ? null : entity.Section.Heading,
            Note = match.FromOtherLanguage ? OtherLanguageNote(language) : null,
        };
        return new Reply { Cards = [card], PreviewUrl = entity.Url };
    }

    private static Reply List(ContentIndex index, SummitPlaces places, EntityKind kind, string command, string contentLanguage, UiLanguage language, UiText listTitle)
    {
        var all = InDateOrder(index.All(kind, contentLanguage));
        var items = all.Select(m => Item(m, places, language));
        return new Reply
        {
            Body = [ReplyText.Paragraph(UiTexts.Get(language, listTitle)), ReplyText.BulletList(items)],
            Choices = all.Take(MaxChoices * 2).Select(m => Choice(index, places, m.Entity, command, language)).ToList(),
        };
    }

    /// <summary>"2023 · Bletchley Park, Verenigd Koninkrijk — 2023 VK AI-veiligheidstop" with the heading linked.</summary>
    private static Inline[] Item(EntityMatch match, SummitPlaces places, UiLanguage language)
    {
        var entity = match.Entity;
        var inlines = new List<Inline>();
        if (entity.Kind == EntityKind.Summit)
        {
            var year = entity.Year?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
            var where = places.For(entity.Place, language) is { } place ? $"{year} · {place.Place}, {place.Country}" : year;
            inlines.Add(ReplyText.Bold(where));
            inlines.Add(ReplyText.Text(" — "));
            inlines.Add(ReplyText.Link(entity.Name, entity.Url));
        }
        else
        {
            inlines.Add(ReplyText.Link(Label(entity, places, language), entity.Url));
        }

        if (match.FromOtherLanguage)
        {
            inlines.Add(ReplyText.Text(" " + UiTexts.Get(language, UiText.OtherLanguageMark)));
        }

        return [.. inlines];
    }

    /// <summary>By year, then by the month the heading names, then as the page has them.</summary>
    private static List<EntityMatch> InDateOrder(IReadOnlyList<EntityMatch> matches) =>
        matches.Select((m, i) => (Match: m, Order: i))
            .OrderBy(x => x.Match.Entity.Year ?? int.MaxValue)
            .ThenBy(x => MonthOf(x.Match.Entity.Name) ?? 13)
            .ThenBy(x => x.Order)
            .Select(x => x.Match)
            .ToList();

    private static int? MonthOf(string heading)
    {
        foreach (var word in TextNormalizer.Tokens(heading))
        {
            var month = Array.FindIndex(Months, names => names.Contains(word, StringComparer.Ordinal));
            if (month >= 0)
            {
                return month + 1;
            }
        }

        return null;
    }

    private static readonly string[][] Months =
    [
        ["januari", "january"], ["februari", "february"], ["maart", "march"], ["april"], ["mei", "may"], ["juni", "june"],
        ["juli", "july"], ["augustus", "august"], ["september"], ["oktober", "october"], ["november"], ["december"],
    ];

    private static string OtherLanguageNote(UiLanguage language) => UiTexts.Get(language, UiText.OnlyInOtherLanguage);

    /// <summary>A summit by place and year (<c>Seoul 2024</c>) when its place is known; a treaty with its year.</summary>
    private static string Label(ContentEntity entity, SummitPlaces places, UiLanguage language) =>
        entity.Kind == EntityKind.Summit && places.For(entity.Place, language) is { } place && entity.Year is { } summitYear
            ? $"{place.Place} {summitYear.ToString(CultureInfo.InvariantCulture)}"
            : Label(entity);

    private static string Label(ContentEntity entity) =>
        entity.Kind == EntityKind.Treaty && entity.Year is { } year ? $"{entity.Name} ({year.ToString(CultureInfo.InvariantCulture)})" : entity.Name;

    /// <summary>
    /// A button that asks for the entity by a name a person would type (<c>/summit bletchley park</c>,
    /// <c>/verdrag montreal</c>): the shortest of the candidates that resolves back to this very entity.
    /// </summary>
    private static ReplyChoice Choice(ContentIndex index, SummitPlaces places, ContentEntity entity, string command, UiLanguage language) =>
        new(Label(entity, places, language), command, AskFor(index, places, entity, language));

    /// <summary>What to type after the command to get this entity: its place or first word, with the year when needed, else its name.</summary>
    public static string AskFor(ContentIndex index, SummitPlaces places, ContentEntity entity, UiLanguage language)
    {
        var year = entity.Year?.ToString(CultureInfo.InvariantCulture);
        var word = entity.Kind == EntityKind.Summit ? places.For(entity.Place, language)?.Place : FirstWord(entity.Name);
        var candidates = new List<string>();
        if (word is not null)
        {
            candidates.Add(word.ToLowerInvariant());
            if (year is not null)
            {
                candidates.Add($"{word.ToLowerInvariant()} {year}");
            }
        }

        candidates.Add(entity.Name);
        return candidates.FirstOrDefault(c => index.Resolve(entity.Kind, c, ContentLanguage.Of(language)).Best?.Entity.Key == entity.Key) ?? entity.Name;
    }

    private static string? FirstWord(string name) =>
        Word().Matches(name).Select(m => m.Value).FirstOrDefault(w => !EntityExtractor.IsStopWord(TextNormalizer.Normalize(w)));

    [System.Text.RegularExpressions.GeneratedRegex(@"\p{L}{3,}")]
    private static partial System.Text.RegularExpressions.Regex Word();
}
