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

    /// <summary>How many past events <c>/events</c> lists after the upcoming ones.</summary>
    public int PastEventsShown { get; set; } = 3;
}
