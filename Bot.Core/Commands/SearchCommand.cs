using Bot.Core.Content;
using Bot.Core.Kernel;
using Bot.Core.Replies;

namespace Bot.Core.Commands;

/// <summary><c>/zoek &lt;tekst&gt;</c> (alias <c>/search</c>): the three best sections with a snippet and link.</summary>
internal sealed class SearchCommand(ContentSource content, UiTexts texts) : ICommandHandler
{
    private const int MaxResults = 3;

    public CommandDescriptor Descriptor { get; } = new(
        "zoek",
        ["search"],
        new("Zoek in alle pagina's: /zoek verdrag", "Search every page: /search treaty"),
        ArgumentUse.Required,
        new("tekst", "text"),
        EnglishName: "search");

    public ValueTask<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var language = texts.LanguageOf(request.Locale);
        if (request.Arguments.Length == 0)
        {
            return ValueTask.FromResult(UiTexts.Error(language, UiText.SearchNeedsText));
        }

        var hits = content.Index.Search(request.Arguments, ContentLanguage.Of(language), MaxResults);
        if (hits.Count == 0)
        {
            return ValueTask.FromResult(UiTexts.Error(language, UiText.SearchNoResults, request.Arguments));
        }

        var wanted = ContentLanguage.Of(language);
        var cards = hits.Select(h => new ReplyCard(h.Section.Title, h.Section.Url, [ReplyText.Paragraph(h.Parts.Select(p => p.Link is null ? ReplyText.Text(p.Text) : ReplyText.Link(p.Text, p.Link)).ToArray())], h.Section.Page.Title)
        {
            // A hit from the other language's pages (no page in the user's language matched) says so, once.
            Note = h.Section.Page.Language == wanted ? null : UiTexts.Get(language, UiText.OnlyInOtherLanguage),
        }).ToList();
        return ValueTask.FromResult(new Reply
        {
            Body = [ReplyText.Paragraph(UiTexts.Get(language, UiText.SearchResults, request.Arguments))],
            Cards = cards,
        });
    }
}
