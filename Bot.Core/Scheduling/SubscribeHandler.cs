using Bot.Core.Commands;
using Bot.Core.Kernel;
using Bot.Core.Replies;
using Bot.Core.Storage;

namespace Bot.Core.Scheduling;

/// <summary><c>/abonneer [summits|protests|alles]</c> (alias <c>/subscribe</c>): this chat receives reminders.</summary>
internal sealed class SubscribeHandler : ICommandHandler
{
    private readonly SubscriptionStore _store;
    private readonly UiTexts _texts;

    public SubscribeHandler(SubscriptionStore store, UiTexts texts)
    {
        _store = store;
        _texts = texts;
    }

    public CommandDescriptor Descriptor { get; } = new(
        "abonneer",
        ["subscribe"],
        new LocalizedText("Herinneringen voor toppen en/of protesten in dit kanaal", "Reminders for summits and/or protests in this channel"),
        ArgumentUse.Optional,
        new LocalizedText("onderwerp", "topic"),
        Audience: CommandAudience.ModeratorsInGroups,
        EnglishName: "subscribe");

    public async ValueTask<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var language = _texts.LanguageOf(request.Locale);
        var en = language == UiLanguage.En;
        if (!SubscriptionTexts.TryParseTopics(request.Arguments, out var topics))
        {
            var help = en
                ? "Choose summits, protests or all, for example: /subscribe summits"
                : "Kies toppen, protesten of alles, bijvoorbeeld: /abonneer toppen";
            return Reply.FromBlocks(ReplyText.Paragraph(help)) with { IsError = true };
        }

        await _store.UpsertAsync(new Subscription(request.Chat, topics, language), $"{request.Chat.Platform}:{request.User.Id}", cancellationToken);
        var what = SubscriptionTexts.Describe(topics, language);
        return Reply.FromBlocks(ReplyText.Paragraph(en
            ? $"Subscribed: this chat will get reminders for {what}. Stop with /unsubscribe."
            : $"Geabonneerd: dit kanaal krijgt herinneringen voor {what}. Stoppen kan met /opzeggen."));
    }
}
