using System.Globalization;
using Bot.Core.Content;
using Bot.Core.Replies;
using Markdig.Syntax.Inlines;

namespace Bot.Core.Commands;

/// <summary>The answers shared by the commands that look up an entity (<c>/summit</c>, <c>/verdrag</c>).</summary>
internal static class EntityReplies
{
    private const int MaxChoices = 5;

    /// <summary>Looks the argument up and answers with the entity, the list, or "did you mean".</summary>
    public static Reply Answer(ContentIndex index, EntityKind kind, string command, CommandRequest request, UiLanguage language, UiText listTitle)
    {
        var contentLanguage = ContentLanguage.Of(language);
        if (request.Arguments.Length == 0)
        {
            return List(index, kind, command, contentLanguage, language, listTitle);
        }

        var resolution = index.Resolve(kind, request.Arguments, contentLanguage);
        if (resolution.Best is { } best)
        {
            return Card(best, language);
        }

        var known = index.All(kind, contentLanguage);
        var suggestions = resolution.Candidates.Count > 0 ? resolution.Candidates : [];
        if (resolution.IsAmbiguous)
        {
            return new Reply
            {
                Body =
                [
                    ReplyText.Paragraph(UiTexts.Get(language, UiText.SeveralMatches, request.Arguments)),
                    ReplyText.BulletList(suggestions.Select(m => new Inline[] { ReplyText.Link(Label(m.Entity), m.Entity.Url) })),
                ],
                Choices = suggestions.Take(MaxChoices).Select(s => Choice(s.Entity, command)).ToList(),
            };
        }

        var body = new List<Markdig.Syntax.Block>
        {
            ReplyText.Paragraph(UiTexts.Get(language, UiText.NoMatch, request.Arguments)),
        };
        if (suggestions.Count > 0)
        {
            var names = string.Join(" / ", suggestions.Take(MaxChoices).Select(s => Label(s.Entity)));
            body.Add(ReplyText.Paragraph(UiTexts.Get(language, UiText.DidYouMean, names)));
        }

        body.Add(ReplyText.Paragraph(UiTexts.Get(language, listTitle)));
        body.Add(ReplyText.BulletList(known.Select(m => new Inline[] { ReplyText.Text(Label(m.Entity)) })));
        var choices = (suggestions.Count > 0 ? suggestions : known).Take(MaxChoices).Select(s => Choice(s.Entity, command)).ToList();
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

    private static Reply List(ContentIndex index, EntityKind kind, string command, string contentLanguage, UiLanguage language, UiText listTitle)
    {
        var all = index.All(kind, contentLanguage);
        var items = all.Select(m => new Inline[] { ReplyText.Bold(Label(m.Entity)), ReplyText.Text(" — "), ReplyText.Link(m.Entity.Section.Page.Title, m.Entity.Url) });
        return new Reply
        {
            Body = [ReplyText.Paragraph(UiTexts.Get(language, listTitle)), ReplyText.BulletList(items)],
            Choices = all.Take(MaxChoices * 2).Select(m => Choice(m.Entity, command)).ToList(),
        };
    }

    private static string OtherLanguageNote(UiLanguage language) => UiTexts.Get(language, UiText.OnlyInOtherLanguage);

    private static string Label(ContentEntity entity) =>
        entity.Kind == EntityKind.Treaty && entity.Year is { } year ? $"{entity.Name} ({year.ToString(CultureInfo.InvariantCulture)})" : entity.Name;

    private static ReplyChoice Choice(ContentEntity entity, string command) => new(Label(entity), command, entity.Key);
}
