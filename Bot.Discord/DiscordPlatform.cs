using Bot.Core.Delivery.RateLimits;
using Bot.Core.Kernel;

namespace Bot.Discord;

/// <summary>Discord as the core knows it.</summary>
public static class DiscordPlatform
{
    /// <summary>The platform id, as stored with every Discord channel.</summary>
    public static PlatformId Id { get; } = new("Discord");

    /// <summary>What people call it and its chats.</summary>
    public static PlatformDescription Description { get; } = new(
        Id,
        new LocalizedText("Discord", "Discord"),
        new LocalizedText("Discord-privébericht", "Discord direct message"),
        new LocalizedText("Discord-kanaal", "Discord channel"));

    /// <summary>
    /// What one bot token may send: the settings' global rate. Per-route buckets are the REST client's
    /// business (<see cref="Rest.DiscordRateLimiter"/>), learnt from Discord's headers.
    /// </summary>
    public static PlatformLimits Limits(DiscordOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new PlatformLimits(Id) { PerSecond = options.PerSecond };
    }
}
