using Bot.Core.Content;
using Bot.Core.Replies;

namespace Bot.Core.Commands;

/// <summary><c>/verdrag [naam]</c> (alias <c>/treaty</c>): a treaty from the examples, or the list.</summary>
internal sealed class TreatyCommand(ContentSource content, SummitPlaces places, UiTexts texts) : ICommandHandler
{
    public CommandDescriptor Descriptor { get; } = new(
        "verdrag",
        ["treaty"],
        new("Over een verdrag: /verdrag montreal, of alle verdragen", "About a treaty: /treaty montreal, or all treaties"),
        ArgumentUse.Optional,
        new("naam", "name"),
        SuggestionKind.Treaties,
        EnglishName: "treaty");

    public ValueTask<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var language = texts.LanguageOf(request.Locale);
        return ValueTask.FromResult(EntityReplies.Answer(content.Index, places, EntityKind.Treaty, Descriptor.NameFor(language), request, language, UiText.KnownTreaties));
    }
}
