using Bot.Core.Replies;

namespace Bot.Core.Delivery;

/// <summary>Turns the payloads of one kind back into replies; the delivery worker asks the one registered for each row's kind.</summary>
internal interface IOutboxPayloadRenderer
{
    /// <summary>The <see cref="OutboxPayload.Kind"/> it reads.</summary>
    string Kind { get; }

    /// <summary>The reply for a stored <see cref="OutboxPayload.Json"/>.</summary>
    Reply Render(string json);

    /// <summary>Whether rows of this kind change an earlier post (<see cref="IOutboxChange{TSelf}"/>) instead of sending one.</summary>
    bool IsChange => false;

    /// <summary>Whether rows of this kind let every other row go first (<see cref="IOutboxChange{TSelf}.LowPriority"/>).</summary>
    bool IsLowPriority => false;

    /// <summary>For a change kind, what it changes; null for a post.</summary>
    OutboxChange? Change(string json) => null;
}
