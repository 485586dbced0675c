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
    public static void Add(BotCoreBuilder core, IConfiguration configuration)
    {
        if (!string.IsNullOrWhiteSpace(configuration["Telegram:Token"]))
        {
            AddTelegram(core);
        }

        if (!string.IsNullOrWhiteSpace(configuration["Discord:Token"]))
        {
            AddDiscord(core);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddTelegram(BotCoreBuilder core) => core.AddTelegram();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddDiscord(BotCoreBuilder core) => core.AddDiscord();
}
