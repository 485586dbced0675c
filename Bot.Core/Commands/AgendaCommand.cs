using Bot.Core.Content;
using Bot.Core.Kernel;
using Bot.Core.Replies;

namespace Bot.Core.Commands;

/// <summary><c>/agenda</c>: the proposed educational agenda for the summit, as a nested list.</summary>
internal sealed class AgendaCommand(ContentSource content, UiTexts texts) : ICommandHandler
{
    public CommandDescriptor Descriptor { get; } = new(
        "agenda",
        [],
        new("De voorgestelde educatieve agenda voor de top", "The proposed educational agenda for the summit"),
        ArgumentUse.None);

    public ValueTask<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var language = texts.LanguageOf(request.Locale);
        var agendas = content.Index.All(EntityKind.Agenda, ContentLanguage.Of(language));
        var agenda = agendas.Count > 0 ? agendas[0] : null;
        return ValueTask.FromResult(agenda is null ? UiTexts.Error(language, UiText.NoAgenda) : EntityReplies.Card(agenda, language));
    }
}
