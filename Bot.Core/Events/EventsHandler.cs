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

    public EventsHandler(EventCatalog catalog, UiTexts texts, TimeProvider time, IOptions<EventsOptions> options, IOptions<WebOptions>? web = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _catalog = catalog;
        _texts = texts;
        _time = time;
        _past = options.Value.PastEventsShown;
        _perSeries = options.Value.OccurrencesListed;
        _calendar = web?.Value.CalendarUrl();
    }

    public CommandDescriptor Descriptor { get; } = new(
        "events",
        ["evenementen"],
        new LocalizedText("Komende (en recente) toppen en protesten", "Upcoming (and recent) summits and protests"),
        ArgumentUse.None);

    public ValueTask<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var language = _texts.LanguageOf(request.Locale);
        var now = _time.GetUtcNow();
        // A repeating event shows its next few occurrences, not a screenful of them.
        var upcoming = _catalog.Upcoming(now).GroupBy(e => e.SeriesId ?? e.Id, StringComparer.Ordinal).SelectMany(g => g.Take(_perSeries)).OrderBy(e => e.StartUtc).ToList();
        var past = _catalog.Past(now).Take(_past).ToList();
        var blocks = new List<Markdig.Syntax.Block>();
        var en = language == UiLanguage.En;
        if (upcoming.Count == 0)
        {
            blocks.Add(ReplyText.Paragraph(en ? "No events are planned at the moment." : "Er staan op dit moment geen evenementen gepland."));
        }
        else
        {
            blocks.Add(ReplyText.Paragraph(ReplyText.Bold(en ? "Upcoming" : "Binnenkort")));
            blocks.Add(ReplyText.BulletList(upcoming.Select(e => Item(e, now, language))));
        }

        if (past.Count > 0)
        {
            blocks.Add(ReplyText.Paragraph(ReplyText.Bold(en ? "Recently" : "Onlangs")));
            blocks.Add(ReplyText.BulletList(past.Select(e => Item(e, now, language))));
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
        return ValueTask.FromResult(reply);
    }

    private static Inline[] Item(BotEvent e, DateTimeOffset now, UiLanguage language)
    {
        var title = e.Title.For(language);
        var head = e.Link is null ? ReplyText.Bold(title) : ReplyText.Link(title, e.Link);
        var when = e.StartUtc <= now && now < e.EndUtc
            ? (language == UiLanguage.En ? "happening now" : "nu bezig")
            : RelativeTime.Describe(e.StartUtc, now, language);
        var location = string.IsNullOrWhiteSpace(e.Location) ? string.Empty : " · " + e.Location;
        return [head, ReplyText.Text($" — {EventTexts.DateRange(e, language)}{location} ({when})")];
    }
}
