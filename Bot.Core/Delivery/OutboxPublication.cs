using Bot.Core.Replies;

namespace Bot.Core.Delivery;

/// <summary>
/// Publishes a post that went to a chat whose platform passes it on in a step of its own (to the chats that follow
/// it), queued when the post is marked sent (<see cref="DeliveryResult.PublishNext"/>), in the same transaction. As a
/// row of its own it is resumed after a crash: a publication that was on the wire is made again, and the platform's
/// "already published" counts as done.
/// </summary>
/// <param name="TargetKey">The outbox key of the post.</param>
internal sealed record OutboxPublication(string TargetKey) : IOutboxChange<OutboxPublication>
{
    public static string Kind => "publish";

    public bool Publish => true;

    public Reply? ToReply() => null;

    /// <summary>The key of the publication of post <paramref name="postKey"/>: outside the post's own prefix, so a broadcast's counts leave it out.</summary>
    public static string KeyOf(string postKey) => Kind + ":" + postKey;
}
