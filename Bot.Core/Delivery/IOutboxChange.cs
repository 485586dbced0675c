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

    /// <summary>Publishes the post's messages to the chats that follow its chat (<see cref="IMessenger.PublishAsync"/>) instead of changing them.</summary>
    bool Publish => false;

    /// <summary>
    /// The platform's references of the messages to change when they are not an outbox post's (a moderator's
    /// progress message); then <see cref="TargetKey"/> is not looked up. Null for a change to a post.
    /// </summary>
    IReadOnlyList<string>? Messages => null;

    /// <summary>
    /// Rows of this kind go only when no post or other change waits for the rate limit, or after they waited
    /// <see cref="OutboxChange.LowPriorityPatience"/>: they never hold a broadcast up by more than one turn in that time.
    /// </summary>
    static virtual bool LowPriority => false;
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

    /// <summary>See <see cref="IOutboxChange{TSelf}.Publish"/>.</summary>
    public bool Publish { get; init; }

    /// <summary>See <see cref="IOutboxChange{TSelf}.Messages"/>.</summary>
    public IReadOnlyList<string>? Messages { get; init; }

    /// <summary>How long a low-priority change (<see cref="IOutboxChange{TSelf}.LowPriority"/>) lets others go first before it takes its turn anyway.</summary>
    public static readonly TimeSpan LowPriorityPatience = TimeSpan.FromSeconds(10);
}

/// <summary>The renderer of a change kind.</summary>
internal sealed class OutboxChangeRenderer<T> : IOutboxPayloadRenderer
    where T : IOutboxChange<T>
{
    public string Kind => T.Kind;

    public bool IsChange => true;

    public bool IsLowPriority => T.LowPriority;

    public Reply Render(string json) => Read(json).ToReply() ?? new Reply();

    public OutboxChange? Change(string json)
    {
        var change = Read(json);
        return new OutboxChange(change.TargetKey, change.ToReply()) { Pin = change.Pin, Repost = change.Repost(), PinRepost = change.PinRepost, Messages = change.Messages, Publish = change.Publish };
    }

    private static T Read(string json) => OutboxPayload.ReadChange<T>(json);
}
