namespace Bot.Core.Events;

/// <summary>Settings of the event catalog (section <c>Events</c>).</summary>
internal sealed class EventsOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Events";

    /// <summary>The events file; relative paths are taken from the content root (the working folder).</summary>
    public string File { get; set; } = "content/events.yaml";

    /// <summary>Reload the file when it changes on disk.</summary>
    public bool Watch { get; set; } = true;

    /// <summary>How many past events <c>/events</c> lists after the upcoming ones.</summary>
    public int PastEventsShown { get; set; } = 3;
}
