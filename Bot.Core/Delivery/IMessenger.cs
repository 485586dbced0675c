using Bot.Core.Kernel;
using Bot.Core.Replies;

namespace Bot.Core.Delivery;

/// <summary>Sends a reply to a chat on one platform, outside of any request (reminders, announcements).</summary>
public interface IMessenger
{
    /// <summary>The platform this messenger sends to.</summary>
    PlatformId Platform { get; }

    /// <summary>Sends the reply. Returns how it went instead of throwing for platform errors.</summary>
    Task<DeliveryResult> SendAsync(ChatAddress chat, Reply reply, CancellationToken cancellationToken);

    /// <summary>
    /// Sends the reply's messages from the <paramref name="firstPart"/>-th on (a long reply is several
    /// messages; the earlier ones arrived in an attempt that failed later). A messenger that sends in
    /// parts reports the parts that went in <see cref="DeliveryResult.PartsSent"/>, so a retry resumes
    /// at the part that failed instead of repeating the first.
    /// </summary>
    Task<DeliveryResult> SendAsync(ChatAddress chat, Reply reply, int firstPart, CancellationToken cancellationToken) => SendAsync(chat, reply, cancellationToken);

    /// <summary>
    /// Replaces the text of a post that went out as <paramref name="messageIds"/> (its parts, in order) with
    /// <paramref name="reply"/>, in place. An edit that changes nothing ("not modified") counts as done, so the
    /// call may be repeated. Parts the new text no longer needs are deleted; a new text that needs more messages
    /// than the post has is refused (<see cref="DeliveryOutcome.Failed"/>) and nothing changes. On success
    /// <see cref="DeliveryResult.MessageIds"/> are the messages the post now consists of.
    /// </summary>
    Task<DeliveryResult> EditAsync(ChatAddress chat, IReadOnlyList<string> messageIds, Reply reply, CancellationToken cancellationToken) =>
        Task.FromResult(new DeliveryResult(DeliveryOutcome.Failed, $"{Platform} messages cannot be edited"));

    /// <summary>Deletes the messages of a post; messages already gone count as deleted, so the call may be repeated.</summary>
    Task<DeliveryResult> DeleteAsync(ChatAddress chat, IReadOnlyList<string> messageIds, CancellationToken cancellationToken) =>
        Task.FromResult(new DeliveryResult(DeliveryOutcome.Failed, $"{Platform} messages cannot be deleted"));

    /// <summary>
    /// Publishes messages the bot posted to the chats that follow this one, for a platform that does so in a step of its
    /// own (<see cref="DeliveryResult.PublishNext"/>); a message already published counts as done, so the call may be repeated.
    /// </summary>
    Task<DeliveryResult> PublishAsync(ChatAddress chat, IReadOnlyList<string> messageIds, CancellationToken cancellationToken) => Task.FromResult(DeliveryResult.Sent);

    /// <summary>Pins a message the bot sent, silently; <see cref="DeliveryOutcome.Failed"/> when the bot may not pin there.</summary>
    Task<DeliveryResult> PinAsync(ChatAddress chat, string messageId, CancellationToken cancellationToken) =>
        Task.FromResult(new DeliveryResult(DeliveryOutcome.Failed, $"{Platform} messages cannot be pinned"));

    /// <summary>The chat's name as people know it (a group's title; server and channel), or null when the platform does not say.</summary>
    Task<string?> ChatNameAsync(ChatAddress chat, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}
