using System.Runtime.CompilerServices;
using Bot.Core;
using Bot.Discord;
using Bot.Telegram;
using Microsoft.Extensions.Configuration;

namespace Bot.Host;

/// <summary>
/// Plugs in each platform whose token is set. Each adapter is added from its own method, called only with its
/// token: a bot without Discord never loads the Discord adapter, the terminal chat neither adapter nor Telegram.Bot.
/// </summary>
internal static class ConfiguredPlatforms
{
    /// <summary>Whether any platform token is set; without one the bot chats in the terminal.</summary>
    public static bool Any(IConfiguration configuration) => HasTelegram(configuration) || HasDiscord(configuration);

    /// <summary>Whether the Telegram token is set.</summary>
    public static bool HasTelegram(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration["Telegram:Token"]);

    public static void Add(BotCoreBuilder core, IConfiguration configuration)
    {
        if (HasTelegram(configuration))
        {
            AddTelegram(core);
        }

        if (HasDiscord(configuration))
        {
            AddDiscord(core);
        }
    }

    private static bool HasDiscord(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration["Discord:Token"]);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddTelegram(BotCoreBuilder core) => core.AddTelegram();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddDiscord(BotCoreBuilder core) => core.AddDiscord();
}
