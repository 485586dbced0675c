using Bot.Core.Replies;

namespace Bot.Core.Delivery;

/// <summary>
/// A change to a post that went out through the outbox (an edit or a deletion), queued as a row of its own
/// for the same chat so it has the same guarantees: claimed once, rate limited, retried, resumed after a
/// crash. Register it with <c>AddOutboxChange&lt;T&gt;()</c>. Edits and deletions can be repeated without
/// harm, so a change that was under way when its process died is made again instead of left uncertain.
/// </summary>
internal interface IOutboxChange<TSelf>
    where TSelf : IOutboxChange<TSelf>
{
    /// <summary>The kind stored with every row; rows stay in databases, so it never changes.</summary>
    static abstract string Kind { get; }

    /// <summary>The outbox key of the post to change (same chat).</summary>
    string TargetKey { get; }

    /// <summary>The post's new text, or null to delete it.</summary>
    Reply? ToReply();

    /// <summary>Pins the post's first message instead of changing it (a pin the bot may not make is logged, not retried).</summary>
    bool Pin => false;

    /// <summary>
    /// For an edit of a post whose message a member deleted: the post that brings the new text back as a new message,
    /// queued as an outbox row of its own (so a crash during its send leaves it uncertain, never sent twice), which
    /// later changes of the post follow. Null leaves the message gone.
    /// </summary>
    OutboxPayload? Repost() => null;

    /// <summary>The change that pins such a new post (outbox key <paramref name="postKey"/>) once it is sent, or null.</summary>
    OutboxPayload? PinRepost(string postKey) => null;
}

/// <summary>What a change row asks of the delivery worker.</summary>
/// <param name="TargetKey">The outbox key of the post whose messages change.</param>
/// <param name="Replacement">The new text; null deletes the post.</param>
internal sealed record OutboxChange(string TargetKey, Reply? Replacement)
{
    /// <summary>See <see cref="IOutboxChange{TSelf}.Pin"/>.</summary>
    public bool Pin { get; init; }

    /// <summary>See <see cref="IOutboxChange{TSelf}.Repost"/>.</summary>
    public OutboxPayload? Repost { get; init; }

    /// <summary>See <see cref="IOutboxChange{TSelf}.PinRepost"/>.</summary>
    public Func<string, OutboxPayload?> PinRepost { get; init; } = _ => null;
}

/// <summary>The renderer of a change kind.</summary>
internal sealed class OutboxChangeRenderer<T> : IOutboxPayloadRenderer
    where T : IOutboxChange<T>
{
    public string Kind => T.Kind;

    public bool IsChange => true;

    public Reply Render(string json) => Read(json).ToReply() ?? new Reply();

    public OutboxChange? Change(string json)
    {
        var change = Read(json);
        return new OutboxChange(change.TargetKey, change.ToReply()) { Pin = change.Pin, Repost = change.Repost(), PinRepost = change.PinRepost };
    }

    private static T Read(string json) => OutboxPayload.ReadChange<T>(json);
}
