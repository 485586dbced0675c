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
    private readonly CountdownStore? _countdowns;

    public SubscriptionsHandler(SubscriptionStore store, UiTexts texts, PlatformDirectory platforms, CountdownStore? countdowns = null)
    {
        _store = store;
        _texts = texts;
        _platforms = platforms;
        _countdowns = countdowns;
    }

    public CommandDescriptor Descriptor { get; } = new(
        "abonnementen",
        ["subscriptions"],
        new LocalizedText("Welke herinneringen (en aftelling) dit kanaal krijgt", "Which reminders (and countdown) this channel gets"),
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
        var terminal = _platforms.Describe(request.Chat.Platform).IsOperatorTerminal;
        IReadOnlyList<Subscription> list = terminal
            ? await _store.ListAsync(cancellationToken)
            : (await _store.GetAsync(request.Chat, cancellationToken)) is { } one ? [one] : [];
        var countdowns = _countdowns is null ? [] : (await _countdowns.ListAsync(cancellationToken)).Where(c => terminal || c.Chat == request.Chat).ToList();
        if (list.Count == 0 && countdowns.Count == 0)
        {
            return Reply.FromBlocks(ReplyText.Paragraph(en
                ? "No subscriptions. Start with /subscribe (summits, protests or all, or countdown)."
                : "Geen abonnementen. Begin met /abonneer (toppen, protesten of alles, of aftellen)."));
        }

        if (!terminal)
        {
            var blocks = new List<Markdig.Syntax.Block>();
            if (list.Count > 0)
            {
                blocks.Add(ReplyText.Paragraph(Sentence(list[0], language, en ? "This chat gets reminders for " : "Dit kanaal krijgt herinneringen voor ")));
            }

            if (countdowns.Count > 0)
            {
                blocks.Add(ReplyText.Paragraph(en
                    ? "This chat has a live countdown: one message that counts down to the next event. Stop with /unsubscribe countdown."
                    : "Dit kanaal heeft een aftelling: één bericht dat aftelt tot het volgende evenement. Stoppen kan met /opzeggen aftellen."));
            }

            return Reply.FromBlocks([.. blocks]);
        }

        var items = list.Select(s => new Markdig.Syntax.Inlines.Inline[]
        {
            ReplyText.Bold(Where(s.Chat, language)),
            ReplyText.Text(": " + Sentence(s, language, string.Empty)),
        }).Concat(countdowns.Select(c => new Markdig.Syntax.Inlines.Inline[]
        {
            ReplyText.Bold(Where(c.Chat, language)),
            ReplyText.Text(en ? ": a live countdown." : ": een aftelling."),
        }));
        var count = list.Count + countdowns.Count;
        var title = en ? UiFormat.Count(count, "subscription", "subscriptions") : UiFormat.Count(count, "abonnement", "abonnementen");
        return Reply.FromBlocks(ReplyText.Paragraph(ReplyText.Bold(title)), ReplyText.BulletList(items));
    }
}
