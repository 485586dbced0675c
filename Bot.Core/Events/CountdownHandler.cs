using Bot.Core.Commands;
using Bot.Core.Kernel;
using Bot.Core.Replies;
using Markdig.Syntax.Inlines;
using Microsoft.Extensions.Options;

namespace Bot.Core.Events;

/// <summary><c>/aftellen [event]</c> (alias <c>/countdown</c>): days and hours to the next or named event, or when it took place.</summary>
internal sealed class CountdownHandler : ICommandHandler
{
    private readonly EventCatalog _catalog;
    private readonly UiTexts _texts;
    private readonly TimeProvider _time;
    private readonly ReaderZones? _zones;
    private readonly Uri? _allEvents;

    public CountdownHandler(EventCatalog catalog, UiTexts texts, TimeProvider time, ReaderZones? zones = null, IOptions<EventsOptions>? options = null)
    {
        _zones = zones;
        _allEvents = options?.Value.AllEventsUrl;
        _catalog = catalog;
        _texts = texts;
        _time = time;
    }

    public CommandDescriptor Descriptor { get; } = new(
        "aftellen",
        ["countdown"],
        new LocalizedText("Hoe lang nog tot het volgende evenement (of een genoemd evenement)", "How long until the next event (or a named one)"),
        ArgumentUse.Optional,
        new LocalizedText("evenement", "event"),
        SuggestionKind.Events,
        EnglishName: "countdown");

    public async ValueTask<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var language = _texts.LanguageOf(request.Locale);
        var en = language == UiLanguage.En;
        var now = _time.GetUtcNow();
        BotEvent? e;
        if (string.IsNullOrWhiteSpace(request.Arguments))
        {
            var upcoming = _catalog.Upcoming(now);
            e = upcoming.Count > 0 ? upcoming[0] : null;
            if (e is null)
            {
                return Reply.FromBlocks(EventTexts.NothingPlanned(language, _allEvents, pastHint: true));
            }
        }
        else
        {
            e = _catalog.Find(request.Arguments, now);
            if (e is null)
            {
                var reply = UiTexts.Error(language, UiText.NoMatch, request.Arguments) with
                {
                    Choices = _catalog.Upcoming(now).Take(3).Select(x => new ReplyChoice(x.Title.For(language), Descriptor.NameFor(language), x.Id)).ToList(),
                };
                return reply;
            }
        }

        var title = e.Title.For(language);
        var zone = _zones is null ? null : await _zones.ForAsync(request, cancellationToken);
        var head = new List<Inline>();
        if (now < e.StartUtc)
        {
            head.Add(ReplyText.Bold(EventTexts.TimeLeft(e, now, language)));
        }
        else if (now < e.EndUtc)
        {
            var until = TimeZoneInfo.ConvertTime(e.EndUtc, zone ?? e.Zone).DateTime;
            var end = new EventTimeInline($"{until.ToString("d MMMM", UiCultures.For(language))} {EventTexts.Clock(until, language)}", e.EndUtc, EventTimeStyle.Full);
            head.AddRange(en ? [ReplyText.Bold($"{title} is happening now"), ReplyText.Text(" (until "), end, ReplyText.Text(").")]
                             : [ReplyText.Bold($"{title} is nu bezig"), ReplyText.Text(" (tot "), end, ReplyText.Text(").")]);
        }
        else
        {
            var ago = new EventTimeInline($"{EventTexts.DateRange(e, language, zone)} ({RelativeTime.Describe(e.StartUtc, now, language)})", e.StartUtc);
            head.AddRange(en ? [ReplyText.Bold($"{title} took place"), ReplyText.Text(" on "), ago, ReplyText.Text(".")]
                             : [ReplyText.Bold($"{title} vond plaats"), ReplyText.Text(" op "), ago, ReplyText.Text(".")]);
        }

        var when = new EventTimeInline(EventTexts.LocalStart(e, language, zone), e.StartUtc);
        var blocks = new List<Markdig.Syntax.Block>
        {
            ReplyText.Paragraph([.. head]),
            string.IsNullOrWhiteSpace(e.Location)
                ? ReplyText.Paragraph(when)
                : ReplyText.Paragraph(when, ReplyText.Text(" · " + e.Location)),
        };
        if (e.Link is not null)
        {
            blocks.Add(ReplyText.Paragraph(ReplyText.Link(EventTexts.MoreInformation(language), e.Link)));
        }

        return new Reply { Body = blocks, PreviewUrl = e.Link };
    }
}
