using Bot.Core.Commands;
using Bot.Core.Hosting;
using Bot.Core.Kernel;
using Bot.Core.Replies;
using Markdig.Syntax.Inlines;
using Microsoft.Extensions.Options;

namespace Bot.Core.Events;

/// <summary><c>/events</c>: upcoming events first, then the most recent past ones, with relative times.</summary>
internal sealed class EventsHandler : ICommandHandler
{
    private readonly EventCatalog _catalog;
    private readonly UiTexts _texts;
    private readonly TimeProvider _time;
    private readonly int _past;
    private readonly int _perSeries;
    private readonly Uri? _calendar;
    private readonly Uri? _allEvents;
    private readonly IReadOnlyList<IEventInterest> _interest;

    private readonly ReaderZones? _zones;

    public EventsHandler(EventCatalog catalog, UiTexts texts, TimeProvider time, IOptions<EventsOptions> options, IEnumerable<IEventInterest> interest, ReaderZones? zones = null, IOptions<WebOptions>? web = null)
    {
        _zones = zones;
        ArgumentNullException.ThrowIfNull(options);
        _interest = [.. interest];
        _catalog = catalog;
        _texts = texts;
        _time = time;
        _past = options.Value.PastEventsShown;
        _perSeries = options.Value.OccurrencesListed;
        _calendar = web?.Value.CalendarUrl();
        _allEvents = options.Value.AllEventsUrl;
    }

    public CommandDescriptor Descriptor { get; } = new(
        "events",
        ["evenementen"],
        new LocalizedText("Komende (en recente) toppen en protesten", "Upcoming (and recent) summits and protests"),
        ArgumentUse.None);

    public async ValueTask<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var language = _texts.LanguageOf(request.Locale);
        var now = _time.GetUtcNow();
        // A repeating event shows its next few occurrences, not a screenful of them.
        var upcoming = _catalog.Upcoming(now).GroupBy(e => e.SeriesId ?? e.Id, StringComparer.Ordinal).SelectMany(g => g.Take(_perSeries)).OrderBy(e => e.StartUtc).ToList();
        var past = _catalog.Past(now).Take(_past).ToList();
        var blocks = new List<Markdig.Syntax.Block>();
        var en = language == UiLanguage.En;
        var zone = _zones is null ? null : await _zones.ForAsync(request, cancellationToken);
        if (upcoming.Count == 0)
        {
            blocks.Add(EventTexts.NothingPlanned(language, _allEvents, pastHint: false));
        }
        else
        {
            blocks.Add(ReplyText.Paragraph(ReplyText.Bold(en ? "Upcoming" : "Binnenkort")));
            var interested = _interest.FirstOrDefault(i => i.Platform == request.Chat.Platform) is { } source
                ? await source.InterestedAsync(request, cancellationToken)
                : null;
            blocks.Add(ReplyText.BulletList(upcoming.Select(e => Item(e, now, language, zone, interested?.GetValueOrDefault(e.Id)))));
        }

        if (past.Count > 0)
        {
            blocks.Add(ReplyText.Paragraph(ReplyText.Bold(en ? "Recently" : "Onlangs")));
            blocks.Add(ReplyText.BulletList(past.Select(e => Item(e, now, language, zone, null))));
        }

        if (_calendar is not null)
        {
            blocks.Add(ReplyText.Paragraph(ReplyText.Text(en ? "In your own calendar: " : "In je eigen agenda: "), ReplyText.Link(_calendar.AbsoluteUri, _calendar)));
        }

        var reply = new Reply
        {
            Body = blocks,
            Choices = upcoming.Take(3).Select(e => new ReplyChoice(en ? $"Countdown: {e.Title.En}" : $"Aftellen: {e.Title.Nl}", language == UiLanguage.En ? "countdown" : "aftellen", e.Id)).ToList(),
        };
        return reply;
    }

    private static Inline[] Item(BotEvent e, DateTimeOffset now, UiLanguage language, TimeZoneInfo? zone, int? interested)
    {
        var title = e.Title.For(language);
        var head = e.Link is null ? ReplyText.Bold(title) : ReplyText.Link(title, e.Link);
        var when = e.StartUtc <= now && now < e.EndUtc
            ? (language == UiLanguage.En ? "happening now" : "nu bezig")
            : RelativeTime.Describe(e.StartUtc, now, language);
        var location = string.IsNullOrWhiteSpace(e.Location) ? string.Empty : " · " + e.Location;
        var people = interested is > 0 ? " · " + (language == UiLanguage.En ? UiFormat.Count(interested.Value, "person interested", "people interested") : UiFormat.Count(interested.Value, "geïnteresseerde", "geïnteresseerden")) : string.Empty;
        // The moment and how far off it is: one timestamp where the platform shows each reader their own time.
        return [head, ReplyText.Text(" — "), new EventTimeInline($"{EventTexts.Moment(e, language, zone)} ({when})", e.StartUtc), ReplyText.Text(location + people)];
    }
}
