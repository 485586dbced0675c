using Bot.Core.Commands;
using Bot.Core.Kernel;
using Bot.Core.Replies;

namespace Bot.Core.Events;

/// <summary><c>/aftellen [event]</c> (alias <c>/countdown</c>): days and hours to the next or named event, or when it took place.</summary>
internal sealed class CountdownHandler : ICommandHandler
{
    private readonly EventCatalog _catalog;
    private readonly UiTexts _texts;
    private readonly TimeProvider _time;

    public CountdownHandler(EventCatalog catalog, UiTexts texts, TimeProvider time)
    {
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

    public ValueTask<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
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
                return ValueTask.FromResult(Reply.FromBlocks(ReplyText.Paragraph(en ? "No events are planned at the moment. See /events for past ones." : "Er staan op dit moment geen evenementen gepland. Zie /events voor eerdere.")));
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
                return ValueTask.FromResult(reply);
            }
        }

        var title = e.Title.For(language);
        string line;
        if (now < e.StartUtc)
        {
            line = EventTexts.TimeLeft(e, now, language);
        }
        else if (now < e.EndUtc)
        {
            line = en ? $"{title} is happening now (until {e.EndLocal.ToString("d MMMM HH:mm", EventTexts.Culture(language))})."
                      : $"{title} is nu bezig (tot {e.EndLocal.ToString("d MMMM HH:mm", EventTexts.Culture(language))}).";
        }
        else
        {
            var ago = RelativeTime.Describe(e.StartUtc, now, language);
            line = en ? $"{title} took place on {EventTexts.DateRange(e, language)} ({ago})."
                      : $"{title} vond plaats op {EventTexts.DateRange(e, language)} ({ago}).";
        }

        var blocks = new List<Markdig.Syntax.Block>
        {
            ReplyText.Paragraph(ReplyText.Bold(line)),
            string.IsNullOrWhiteSpace(e.Location)
                ? ReplyText.Paragraph(new EventTimeInline(EventTexts.LocalStart(e, language), e.StartUtc))
                : ReplyText.Paragraph(new EventTimeInline(EventTexts.LocalStart(e, language), e.StartUtc), ReplyText.Text(" · " + e.Location)),
        };
        if (e.Link is not null)
        {
            blocks.Add(ReplyText.Paragraph(ReplyText.Link(EventTexts.MoreInformation(language), e.Link)));
        }

        return ValueTask.FromResult(new Reply { Body = blocks, PreviewUrl = e.Link });
    }
}
