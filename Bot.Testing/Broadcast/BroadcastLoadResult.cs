using Bot.Core.Delivery;
using Bot.Core.Storage;

namespace Bot.Testing.Broadcast;

/// <summary>What one broadcast load run measured.</summary>
/// <param name="Elapsed">From the first round until no row was left to send.</param>
/// <param name="Progress">The outbox rows of the broadcast by status at the end.</param>
/// <param name="TelegramDelivered">Messages each Telegram chat received.</param>
/// <param name="DiscordDelivered">Messages each Discord channel received.</param>
/// <param name="Telegram429">429 answers from the Telegram fake.</param>
/// <param name="Discord429">429 answers from the Discord fake.</param>
/// <param name="TelegramRate">Telegram messages a second in steady state.</param>
/// <param name="DiscordRate">Discord messages a second in steady state.</param>
/// <param name="Paused">Subscriptions paused because their chat was gone.</param>
internal sealed record BroadcastLoadResult(
    TimeSpan Elapsed,
    DeliveryProgress Progress,
    IReadOnlyDictionary<string, int> TelegramDelivered,
    IReadOnlyDictionary<string, int> DiscordDelivered,
    int Telegram429,
    int Discord429,
    double TelegramRate,
    double DiscordRate,
    IReadOnlyList<Subscription> Paused);
