using Bot.Core.Content;
using Bot.Core.Replies;

namespace Bot.Core.Commands;

/// <summary><c>/summit [naam]</c>: a summit's section, or the list of summits.</summary>
internal sealed class SummitCommand(ContentSource content, SummitPlaces places, UiTexts texts) : ICommandHandler
{
    public CommandDescriptor Descriptor { get; } = new(
        "summit",
        ["top"],
        new("Over een AI-top: /summit seoul, of alle toppen", "About an AI summit: /summit seoul, or all summits"),
        ArgumentUse.Optional,
        new("naam", "name"),
        SuggestionKind.Summits);

    public ValueTask<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var language = texts.LanguageOf(request.Locale);
        return ValueTask.FromResult(EntityReplies.Answer(content.Index, places, EntityKind.Summit, Descriptor.NameFor(language), request, language, UiText.KnownSummits));
    }
}
