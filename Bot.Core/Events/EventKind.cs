namespace Bot.Core.Events;

/// <summary>What sort of event an entry in the catalog is; subscriptions choose by kind.</summary>
public enum EventKind
{
    /// <summary>An international AI summit or government meeting.</summary>
    Summit,

    /// <summary>A PauseAI protest (often in many cities at once).</summary>
    Protest,

    /// <summary>Anything else: meetings, talks, workshops.</summary>
    Other,
}
