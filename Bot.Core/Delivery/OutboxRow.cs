using Bot.Core.Kernel;

namespace Bot.Core.Delivery;

/// <summary>One post to one chat, queued in the outbox.</summary>
/// <param name="Key">Unique key: <c>reminder:{event}:{slot}:{platform}:{chat}</c>. A second insert with the same key is ignored.</param>
/// <param name="Chat">Where it goes.</param>
/// <param name="Payload">What it says.</param>
/// <param name="DueAt">When it may be sent.</param>
/// <param name="ExpiresAt">After this moment it is no longer worth sending (the event began).</param>
/// <param name="EventId">The event it is about, if any.</param>
internal sealed record OutboxRow(string Key, ChatAddress Chat, OutboxPayload Payload, DateTimeOffset DueAt, DateTimeOffset? ExpiresAt, string? EventId)
{
    /// <summary>Send attempts so far, this one included (after a claim).</summary>
    public int Attempts { get; init; }

    /// <summary>Messages of a multi-part reply that arrived in earlier attempts; the next attempt starts after them.</summary>
    public int PartsSent { get; init; }

    /// <summary>The key of a row this one waits for: it is not due while that one is pending or being sent (a change waits for its post).</summary>
    public string? AfterKey { get; init; }

    /// <summary>
    /// The W3C <c>traceparent</c> of the activity that queued the row (a confirm, a reminder job), stored with it so
    /// its send joins that trace; when not given, the activity current at the enqueue.
    /// </summary>
    public string? TraceParent { get; init; }
}
