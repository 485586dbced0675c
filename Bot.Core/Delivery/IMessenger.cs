using Bot.Core.Commands;
using Bot.Core.Replies;

namespace Bot.Core.Delivery;

/// <summary>Sends a reply to a chat on one platform, outside of any request (reminders, announcements).</summary>
public interface IMessenger
{
    /// <summary>The platform this messenger sends to.</summary>
    Platform Platform { get; }

    /// <summary>Sends the reply. Returns how it went instead of throwing for platform errors.</summary>
    Task<DeliveryResult> SendAsync(ChatAddress chat, Reply reply, CancellationToken cancellationToken);
}
