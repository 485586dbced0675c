namespace Bot.Core.Events;

/// <summary>Settings of the event catalog (section <c>Events</c>).</summary>
internal sealed class EventsOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Events";

    /// <summary>
    /// The events file. Empty means <c>events.yaml</c> in the content folder (<c>Content:Path</c>);
    /// a relative path is taken from the working folder.
    /// </summary>
    public string? File { get; set; }

    /// <summary>Reload the file when it changes on disk.</summary>
    public bool Watch { get; set; } = true;

    /// <summary>iCalendar feeds merged into the catalog by UID (section <c>Events:Feeds</c>).</summary>
    public List<EventFeedOptions> Feeds { get; set; } = [];

    /// <summary>How often the feeds are fetched.</summary>
    public TimeSpan FeedPollInterval { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Where the community lists all its events (e.g. its Luma calendar page). <c>/events</c> and <c>/aftellen</c>
    /// name it when nothing is planned, so a member is never left with an empty answer.
    /// </summary>
    public Uri? AllEventsUrl { get; set; }

    /// <summary>How many past events <c>/events</c> lists after the upcoming ones.</summary>
    public int PastEventsShown { get; set; } = 3;

    /// <summary>A feed that has not answered after this long is down for this round (its last good copy stays).</summary>
    public TimeSpan FeedTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A feed larger than this many bytes is refused (its last good copy stays).</summary>
    public int FeedMaxBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Repeating events: occurrences that start up to this far ahead exist (get reminders, are listed).</summary>
    public TimeSpan RepeatHorizon { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Repeating events: at most this many upcoming occurrences per series.</summary>
    public int RepeatMaxUpcoming { get; set; } = 20;

    /// <summary>Repeating events: <c>/events</c> lists this many upcoming occurrences of one series.</summary>
    public int OccurrencesListed { get; set; } = 3;

    /// <summary>The expansion window these settings describe.</summary>
    public RecurrenceWindow Window() => new(RepeatHorizon, RepeatMaxUpcoming, RecurrenceWindow.Default.LookBack, Math.Max(PastEventsShown, 1));
}
