using Bot.Core.Commands;
using Bot.Core.Kernel;
using Bot.Core.Replies;
using Bot.Core.Storage;

namespace Bot.Core.Scheduling;

/// <summary><c>/opzeggen</c> (alias <c>/unsubscribe</c>): this chat stops receiving reminders.</summary>
internal sealed class UnsubscribeHandler : ICommandHandler
{
    private readonly SubscriptionStore _store;
    private readonly UiTexts _texts;
    private readonly CountdownStore? _countdowns;

    public UnsubscribeHandler(SubscriptionStore store, UiTexts texts, CountdownStore? countdowns = null)
    {
        _countdowns = countdowns;
        _store = store;
        _texts = texts;
    }

    public CommandDescriptor Descriptor { get; } = new(
        "opzeggen",
        ["unsubscribe"],
        new LocalizedText("Geen herinneringen (of met aftellen: geen aftelling) meer in dit kanaal", "Stop reminders (or with countdown: the countdown) in this channel"),
        ArgumentUse.Optional,
        new LocalizedText("aftellen", "countdown"),
        Audience: CommandAudience.ModeratorsInGroups,
        EnglishName: "unsubscribe");

    public async ValueTask<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var language = _texts.LanguageOf(request.Locale);
        var en = language == UiLanguage.En;
        var actor = $"{request.Chat.Platform}:{request.User.Id}";
        if (_countdowns is not null && SubscriptionTexts.IsCountdown(request.Arguments))
        {
            var stopped = await _countdowns.RemoveAsync(request.Chat, actor, cancellationToken);
            return Reply.FromBlocks(ReplyText.Paragraph(stopped
                ? (en ? "Countdown off: its message stays as it is and is no longer updated." : "Aftellen staat uit: het bericht blijft staan en wordt niet meer bijgewerkt.")
                : (en ? "This chat had no countdown." : "Dit kanaal had geen aftelling.")));
        }

        var removed = await _store.RemoveAsync(request.Chat, actor, cancellationToken);
        return Reply.FromBlocks(ReplyText.Paragraph(removed
            ? (en ? "Unsubscribed: no more reminders in this chat." : "Opgezegd: dit kanaal krijgt geen herinneringen meer.")
            : (en ? "This chat had no subscription." : "Dit kanaal had geen abonnement.")));
    }
}
