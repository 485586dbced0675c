namespace Bot.Core.Delivery;

/// <summary>The result of one send, or how a platform's error fits the error model of <see cref="DeliveryOutcome"/>.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Reason">The platform's error code and description, for the audit log; null when sent. Never holds a token.</param>
/// <param name="RetryAfter">How long the platform asked us to wait (<see cref="DeliveryOutcome.RateLimited"/>).</param>
public sealed record DeliveryResult(DeliveryOutcome Outcome, string? Reason = null, TimeSpan? RetryAfter = null)
{
    /// <summary>A successful send.</summary>
    public static DeliveryResult Sent { get; } = new(DeliveryOutcome.Sent);

    /// <summary>Messages of a multi-part reply that the platform accepted in this attempt before it failed.</summary>
    public int PartsSent { get; init; }

    /// <summary>
    /// The platform's ids of the messages this attempt sent (one per part, in order), or, after an edit, the
    /// messages the post now consists of; kept with the outbox row so the post can be edited or deleted later.
    /// </summary>
    public IReadOnlyList<string> MessageIds { get; init; } = [];

    /// <summary>
    /// The post's messages are to be published to the chats that follow its chat, as a step of its own
    /// (<see cref="IMessenger.PublishAsync"/>, an <see cref="OutboxPublication"/> row queued with the mark "sent").
    /// </summary>
    public bool PublishNext { get; init; }

    /// <summary>Equal when every member is, the message ids compared one by one.</summary>
    public bool Equals(DeliveryResult? other) =>
        other is not null && Outcome == other.Outcome && Reason == other.Reason && RetryAfter == other.RetryAfter && PartsSent == other.PartsSent && PublishNext == other.PublishNext
        && MessageIds.SequenceEqual(other.MessageIds);

    public override int GetHashCode() => HashCode.Combine(Outcome, Reason, RetryAfter, PartsSent, MessageIds.Count);
}
