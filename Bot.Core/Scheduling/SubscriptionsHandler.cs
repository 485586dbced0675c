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

    /// <summary>"Telegram-groep", "Discord-kanaal", "de terminal" / "Telegram group", …; never the platform's id.</summary>
    private static string Where(ChatAddress chat, UiLanguage language)
    {
        var en = language == UiLanguage.En;
        return (chat.Platform, chat.Kind) switch
        {
            (Platform.Console, _) => en ? "The terminal" : "De terminal",
            (Platform.Telegram, ChatKind.Private) => en ? "Telegram private chat" : "Telegram-privéchat",
            (Platform.Telegram, _) => en ? "Telegram group" : "Telegram-groep",
            (Platform.Discord, ChatKind.Private) => en ? "Discord direct message" : "Discord-privébericht",
            _ => en ? "Discord channel" : "Discord-kanaal",
        };
    }

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
                : "Geen abonnementen. Begin met /abonneer (toppen, protesten of alles)."));
        }

        if (request.Chat.Platform != Platform.Console)
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
