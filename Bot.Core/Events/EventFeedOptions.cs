namespace Bot.Core.Events;

/// <summary>One iCalendar feed (for example a Luma calendar's iCal link) merged into the catalog.</summary>
internal sealed class EventFeedOptions
{
    /// <summary>The feed's URL (http or https).</summary>
    public Uri? Url { get; set; }

    /// <summary>The kind its events get: protest (default), summit or other.</summary>
    public EventKind Kind { get; set; } = EventKind.Protest;
}
