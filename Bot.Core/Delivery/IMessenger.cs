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
}
