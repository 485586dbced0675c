using Bot.Core.Commands;
using Bot.Core.Replies;
using Bot.Core.Storage;

namespace Bot.Core.Scheduling;

/// <summary><c>/abonnementen</c> (alias <c>/subscriptions</c>): this chat's subscription; on the console, all of them.</summary>
internal sealed class SubscriptionsHandler : ICommandHandler
{
    private readonly SubscriptionStore _store;
    private readonly UiTexts _texts;

    public SubscriptionsHandler(SubscriptionStore store, UiTexts texts)
    {
        _store = store;
        _texts = texts;
    }

    public CommandDescriptor Descriptor { get; } = new(
        "abonnementen",
        ["subscriptions"],
        new LocalizedText("Welke herinneringen dit kanaal krijgt", "Which reminders this channel gets"),
        ArgumentUse.None);

    public async ValueTask<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var language = _texts.LanguageOf(request.Locale);
        var en = language == UiLanguage.En;
        IReadOnlyList<Subscription> list = request.Chat.Platform == Platform.Console
            ? await _store.ListAsync(cancellationToken)
            : (await _store.GetAsync(request.Chat, cancellationToken)) is { } one ? [one] : [];
        if (list.Count == 0)
        {
            return Reply.FromBlocks(ReplyText.Paragraph(en
                ? "No subscriptions. Start with /subscribe (summits, protests or all)."
                : "Geen abonnementen. Begin met /abonneer (summits, protests of alles)."));
        }

        var items = list.Select(s =>
        {
            var paused = s.Paused ? (en ? $" — paused: {s.PausedReason}" : $" — gepauzeerd: {s.PausedReason}") : string.Empty;
            return new Markdig.Syntax.Inlines.Inline[]
            {
                ReplyText.Code(s.Chat.ToString()),
                ReplyText.Text($" {SubscriptionTexts.Describe(s.Topics, language)} ({s.Language.ToString().ToLowerInvariant()}){paused}"),
            };
        });
        return Reply.FromBlocks(ReplyText.Paragraph(ReplyText.Bold(en ? "Subscriptions" : "Abonnementen")), ReplyText.BulletList(items));
    }
}
