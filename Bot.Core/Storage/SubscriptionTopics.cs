namespace Bot.Core.Storage;

/// <summary>Which events a subscribed chat hears about.</summary>
[Flags]
public enum SubscriptionTopics
{
    None = 0,

    /// <summary>Summits and government meetings.</summary>
    Summits = 1,

    /// <summary>Protests.</summary>
    Protests = 2,

    /// <summary>Other events.</summary>
    Other = 4,

    /// <summary>Everything.</summary>
    All = Summits | Protests | Other,
}
