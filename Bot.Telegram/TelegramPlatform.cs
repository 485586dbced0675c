using Bot.Core.Delivery.RateLimits;
using Bot.Core.Kernel;

namespace Bot.Telegram;

/// <summary>Telegram as the core knows it.</summary>
public static class TelegramPlatform
{
    /// <summary>The platform id, as stored with every Telegram chat.</summary>
    public static PlatformId Id { get; } = new("Telegram");

    /// <summary>What people call it and its chats.</summary>
    public static PlatformDescription Description { get; } = new(
        Id,
        new LocalizedText("Telegram", "Telegram"),
        new LocalizedText("Telegram-privéchat", "Telegram private chat"),
        new LocalizedText("Telegram-groep", "Telegram group"));

    /// <summary>What one bot token may send: the settings' overall and per-group rates, one message a second per chat.</summary>
    public static PlatformLimits Limits(TelegramOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new PlatformLimits(Id) { PerSecond = options.PerSecond, PerChatPerSecond = 1, PerGroupPerMinute = options.GroupPerMinute };
    }
}
