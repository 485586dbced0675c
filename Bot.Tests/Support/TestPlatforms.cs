using Bot.Core.Delivery.RateLimits;
using Bot.Core.Kernel;
using Bot.Discord;
using Bot.Host;
using Bot.Telegram;

namespace Bot.Tests.Support;

/// <summary>The platforms as the host registers them, for tests that build parts by hand.</summary>
internal static class TestPlatforms
{
    public static PlatformDirectory Directory { get; } = new([TelegramPlatform.Description, DiscordPlatform.Description, ConsolePlatform.Description]);

    /// <summary>The default limits of both network platforms.</summary>
    public static IReadOnlyList<PlatformLimits> Limits { get; } = [TelegramPlatform.Limits(new TelegramOptions()), DiscordPlatform.Limits(new DiscordOptions())];
}
