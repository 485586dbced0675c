using Bot.Core.Replies;

namespace Bot.Core.Delivery;

/// <summary>
/// A post a feature queues in the outbox: a record stored as JSON (<see cref="OutboxPayload.Of{T}"/>)
/// that becomes its reply again when sent. Register it with <c>AddOutboxPost&lt;T&gt;()</c>.
/// </summary>
internal interface IOutboxPost<TSelf>
    where TSelf : IOutboxPost<TSelf>
{
    /// <summary>The kind stored with every row; rows stay in databases, so it never changes.</summary>
    static abstract string Kind { get; }

    /// <summary>The reply sent to the platform.</summary>
    Reply ToReply();
}
