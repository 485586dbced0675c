using Bot.Core.Kernel;

namespace Bot.Core.Delivery.RateLimits;

/// <summary>
/// What a platform lets one bot token send, as the platform registers it: every answer, reminder and
/// announcement to that platform waits for a turn within these (<see cref="DeliveryRateLimiter"/>).
/// A platform without limits registered still honours the 429s it answers.
/// </summary>
/// <param name="Platform">The platform.</param>
public sealed record PlatformLimits(PlatformId Platform)
{
    /// <summary>Messages a second, all chats together.</summary>
    public int PerSecond { get; init; } = int.MaxValue;

    /// <summary>Messages a second to one chat, when the platform paces chats itself (null: it does not, or its client does).</summary>
    public int? PerChatPerSecond { get; init; }

    /// <summary>Messages a minute to one group chat, when the platform limits that.</summary>
    public int? PerGroupPerMinute { get; init; }
}
