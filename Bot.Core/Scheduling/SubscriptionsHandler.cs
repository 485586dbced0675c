using Bot.Core.Commands;
using Bot.Core.Kernel;
using Bot.Core.Replies;
using Bot.Core.Storage;

namespace Bot.Core.Scheduling;

/// <summary><c>/abonnementen</c> (alias <c>/subscriptions</c>): this chat's subscription; in the operator's terminal, all of them.</summary>
internal sealed class SubscriptionsHandler : ICommandHandler
{
    private readonly SubscriptionStore _store;
    private readonly UiTexts _texts;
    private readonly PlatformDirectory _platforms;

    public SubscriptionsHandler(SubscriptionStore store, UiTexts texts, PlatformDirectory platforms)
    {
        _store = store;
        _texts = texts;
        _platforms = platforms;
    }

    public CommandDescriptor Descriptor { get; } = new(
        "abonnementen",
        ["subscriptions"],
        new LocalizedText("Welke herinneringen dit kanaal krijgt", "Which reminders this channel gets"),
        ArgumentUse.None,
        EnglishName: "subscriptions");

    /// <summary>"alle evenementen, in het Nederlands" (and why it is paused), after <paramref name="lead"/>.</summary>
    private static string Sentence(Subscription s, UiLanguage language, string lead)
    {
        var en = language == UiLanguage.En;
        var tongue = (en, s.Language) switch
        {
            (true, UiLanguage.En) => "in English",
            (true, _) => "in Dutch",
            (false, UiLanguage.En) => "in het Engels",
            _ => "in het Nederlands",
        };
        var text = $"{lead}{SubscriptionTexts.Describe(s.Topics, language)}, {tongue}.";
        if (s.Paused)
        {
            text += en
                ? " Paused: messages stopped arriving there. /subscribe turns it back on."
                : " Gepauzeerd: berichten kwamen daar niet meer aan. /abonneer zet het weer aan.";
        }

        return text;
    }

    /// <summary>The chat as its platform names it ("groep op A" / "group on A"), never the platform's id of the chat.</summary>
    private string Where(ChatAddress chat, UiLanguage language)
    {
        var name = _platforms.Describe(chat.Platform).ChatName(chat.Kind, language);
        return name.Length > 0 ? char.ToUpperInvariant(name[0]) + name[1..] : name;
    }

    public async ValueTask<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var language = _texts.LanguageOf(request.Locale);
        var en = language == UiLanguage.En;
        IReadOnlyList<Subscription> list = _platforms.Describe(request.Chat.Platform).IsOperatorTerminal
            ? await _store.ListAsync(cancellationToken)
            : (await _store.GetAsync(request.Chat, cancellationToken)) is { } one ? [one] : [];
        if (list.Count == 0)
        {
            return Reply.FromBlocks(ReplyText.Paragraph(en
                ? "No subscriptions. Start with /subscribe (summits, protests or all)."
                : "Geen abonnementen. Begin met /abonneer (toppen, protesten of alles)."));
        }

        if (!_platforms.Describe(request.Chat.Platform).IsOperatorTerminal)
        {
            var mine = list[0];
            return Reply.FromBlocks(ReplyText.Paragraph(Sentence(mine, language, en ? "This chat gets reminders for " : "Dit kanaal krijgt herinneringen voor ")));
        }

        var items = list.Select(s => new Markdig.Syntax.Inlines.Inline[]
        {
            ReplyText.Bold(Where(s.Chat, language)),
            ReplyText.Text(": " + Sentence(s, language, string.Empty)),
        });
        var title = en ? UiFormat.Count(list.Count, "subscription", "subscriptions") : UiFormat.Count(list.Count, "abonnement", "abonnementen");
        return Reply.FromBlocks(ReplyText.Paragraph(ReplyText.Bold(title)), ReplyText.BulletList(items));
    }
}
