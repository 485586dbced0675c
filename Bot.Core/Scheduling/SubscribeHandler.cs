using Bot.Core.Commands;
using Bot.Core.Hosting;
using Bot.Core.Kernel;
using Bot.Core.Replies;
using Bot.Core.Storage;
using Microsoft.Extensions.Options;

namespace Bot.Core.Scheduling;

/// <summary><c>/abonneer [summits|protests|alles|aftellen]</c> (alias <c>/subscribe</c>): this chat receives reminders, or a live countdown.</summary>
internal sealed class SubscribeHandler : ICommandHandler
{
    private readonly SubscriptionStore _store;
    private readonly UiTexts _texts;
    private readonly Uri? _calendar;
    private readonly WebOptions? _web;
    private readonly CountdownStore? _countdowns;

    public SubscribeHandler(SubscriptionStore store, UiTexts texts, IOptions<WebOptions>? web = null, CountdownStore? countdowns = null)
    {
        _countdowns = countdowns;
        _store = store;
        _texts = texts;
        _web = web?.Value;
        _calendar = _web?.CalendarUrl();
    }

    public CommandDescriptor Descriptor { get; } = new(
        "abonneer",
        ["subscribe"],
        new LocalizedText("Herinneringen voor toppen en/of protesten in dit kanaal, of een aftelling (aftellen)", "Reminders for summits and/or protests in this channel, or a live countdown (countdown)"),
        ArgumentUse.Optional,
        new LocalizedText("onderwerp", "topic"),
        Audience: CommandAudience.ModeratorsInGroups,
        EnglishName: "subscribe");

    public async ValueTask<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var language = _texts.LanguageOf(request.Locale);
        var en = language == UiLanguage.En;
        if (_countdowns is not null && SubscriptionTexts.IsCountdown(request.Arguments))
        {
            var started = await _countdowns.AddAsync(request.Chat, language, $"{request.Chat.Platform}:{request.User.Id}", cancellationToken);
            return Reply.FromBlocks(ReplyText.Paragraph(started
                ? (en ? "Countdown on: this chat gets one message, pinned where the bot may pin, that counts down to the next event. Stop with /unsubscribe countdown."
                      : "Aftellen staat aan: dit kanaal krijgt één bericht, vastgezet waar de bot dat mag, dat aftelt tot het volgende evenement. Stoppen kan met /opzeggen aftellen.")
                : (en ? "This chat already has a countdown." : "Dit kanaal heeft al een aftelling.")));
        }

        if (!SubscriptionTexts.TryParseTopics(request.Arguments, out var topics))
        {
            var help = en
                ? "Choose summits, protests or all, for example: /subscribe summits (or a live countdown: /subscribe countdown)"
                : "Kies toppen, protesten of alles, bijvoorbeeld: /abonneer toppen (of een aftelling: /abonneer aftellen)";
            return Reply.FromBlocks(ReplyText.Paragraph(help)) with { IsError = true };
        }

        await _store.UpsertAsync(new Subscription(request.Chat, topics, language), $"{request.Chat.Platform}:{request.User.Id}", cancellationToken);
        var what = SubscriptionTexts.Describe(topics, language);
        var done = ReplyText.Paragraph(en
            ? $"Subscribed: this chat will get reminders for {what}. Stop with /unsubscribe."
            : $"Geabonneerd: dit kanaal krijgt herinneringen voor {what}. Stoppen kan met /opzeggen.");
        if (_calendar is null)
        {
            return Reply.FromBlocks(done);
        }

        var link = _calendar;
        if (topics == SubscriptionTopics.Summits || topics == SubscriptionTopics.Protests)
        {
            link = _web!.CalendarUrl(topics == SubscriptionTopics.Summits ? "summit" : "protest")!;
        }

        return Reply.FromBlocks(done, ReplyText.Paragraph(ReplyText.Text(en ? "The events in your own calendar: " : "De evenementen in je eigen agenda: "), ReplyText.Link(link.AbsoluteUri, link)));
    }
}
