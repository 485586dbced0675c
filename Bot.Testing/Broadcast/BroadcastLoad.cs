using Bot.Core.Commands;
using Bot.Core.Delivery;
using Bot.Core.Delivery.RateLimits;
using Bot.Core.Kernel;
using Bot.Core.Moderation;
using Bot.Core.Storage;
using Bot.Discord;
using Bot.Discord.Rest;
using Bot.Telegram;
using Bot.Telegram.Api;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace Bot.Testing.Broadcast;

/// <summary>
/// One broadcast through the real delivery worker, the real Telegram and Discord messengers and
/// HTTP clients, to a <see cref="LimitedPlatformFake"/> on loopback: queues one outbox row per chat,
/// runs the worker's own hosted loop, and reports rates, 429s and deliveries per chat.
/// </summary>
internal static class BroadcastLoad
{
    /// <summary>The key prefix of the load test's rows.</summary>
    public const string KeyPrefix = "announcement:load:";

    /// <summary>The key prefix of the rows of a run with progress: announcement 1's, which the progress ticker counts.</summary>
    public const string ProgressKeyPrefix = "announcement:1:";

    /// <summary>The moderator's private chat whose message a run with progress edits.</summary>
    public const string ModeratorChat = "5005";

    /// <summary>Telegram chat id of chat <paramref name="i"/> (a supergroup: negative).</summary>
    public static string TelegramChat(int i) => "-100" + (1_000_000_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Discord channel id of channel <paramref name="i"/>.</summary>
    public static string DiscordChannel(int i) => (900_000_000_000_000_000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Subscribes <paramref name="telegramChats"/> Telegram groups and <paramref name="discordChannels"/> Discord
    /// channels and queues one announcement row (key <see cref="KeyPrefix"/>…) for each.
    /// </summary>
    public static Task QueueAsync(OutboxStore outbox, SubscriptionStore subscriptions, int telegramChats, int discordChannels, TimeProvider time, CancellationToken cancellationToken) =>
        QueueAsync(outbox, subscriptions, telegramChats, discordChannels, time, KeyPrefix, cancellationToken);

    private static async Task QueueAsync(OutboxStore outbox, SubscriptionStore subscriptions, int telegramChats, int discordChannels, TimeProvider time, string keyPrefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(subscriptions);
        ArgumentNullException.ThrowIfNull(time);
        var chats = Enumerable.Range(0, telegramChats).Select(i => new ChatAddress(TelegramPlatform.Id, TelegramChat(i), ChatKind.Group))
            .Concat(Enumerable.Range(0, discordChannels).Select(i => new ChatAddress(DiscordPlatform.Id, DiscordChannel(i), ChatKind.Group)))
            .ToList();
        foreach (var chat in chats)
        {
            await subscriptions.UpsertAsync(new Subscription(chat, SubscriptionTopics.All, UiLanguage.Nl), "load-test", cancellationToken);
        }

        var message = OutboxPayload.Of(new AnnouncementPost("**Aankondiging**\n\nMorgen om 12:00 protesteren we voor het parlement. [pauseai.info](https://pauseai.info/)"));
        var now = time.GetUtcNow();
        await outbox.EnqueueAsync(chats.Select(c => new OutboxRow($"{keyPrefix}{c.Platform}:{c.ChatId}", c, message, now, null, null)), cancellationToken);
    }

    /// <summary>
    /// Runs one broadcast to <paramref name="telegramChats"/> + <paramref name="discordChannels"/> chats; the
    /// bot is told the fake's overall limits, as an operator sets the platforms' published ones.
    /// </summary>
    public static Task<BroadcastLoadResult> RunAsync(
        LimitedPlatformFake fake,
        int telegramChats,
        int discordChannels,
        DeliveryOptions options,
        CancellationToken cancellationToken) => RunAsync(fake, telegramChats, discordChannels, options, withProgress: false, cancellationToken);

    /// <summary>
    /// As <see cref="RunAsync(LimitedPlatformFake, int, int, DeliveryOptions, CancellationToken)"/>; <paramref name="withProgress"/>
    /// also follows the broadcast as a moderator's confirm does: the progress ticker queues its edits of a message in
    /// the Telegram chat <see cref="ModeratorChat"/> (<see cref="LimitedPlatformFake.TelegramEdits"/> counts them).
    /// </summary>
    public static async Task<BroadcastLoadResult> RunAsync(
        LimitedPlatformFake fake,
        int telegramChats,
        int discordChannels,
        DeliveryOptions options,
        bool withProgress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fake);
        var keyPrefix = withProgress ? ProgressKeyPrefix : KeyPrefix;
        var time = TimeProvider.System;
        var folder = Directory.CreateTempSubdirectory("bot-broadcast-");
        try
        {
            await using var database = new BotDatabase(StorageProvider.Sqlite, $"Data Source={Path.Combine(folder.FullName, "bot.db")}", time, NullLogger<BotDatabase>.Instance);
            await database.InitializeAsync(cancellationToken);
            var outbox = new OutboxStore(database, time);
            var subscriptions = new SubscriptionStore(database, time);
            // As a confirm does: the progress edits' place in the outbox is the broadcast's own moment, ahead of its posts.
            var confirmedAt = time.GetUtcNow().ToUnixTimeMilliseconds();
            await QueueAsync(outbox, subscriptions, telegramChats, discordChannels, time, keyPrefix, cancellationToken);
            BroadcastProgressTicker? ticker = null;
            if (withProgress)
            {
                await using (var connection = await database.OpenAsync(cancellationToken))
                await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
                {
                    await BroadcastProgressStore.StartAsync(connection, transaction, 1, new ChatAddress(TelegramPlatform.Id, ModeratorChat, ChatKind.Private), "77", UiLanguage.Nl, confirmedAt, cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                }

                ticker = new BroadcastProgressTicker(new BroadcastProgressStore(database, time), outbox, new DeliverySignal(), time, NullLogger<BroadcastProgressTicker>.Instance);
            }


            using var http = new HttpClient(new RequestSentSignal.Handler(new SocketsHttpHandler()));
            var texts = new UiTexts();
            var telegram = new TelegramBotClient(new TelegramBotClientOptions("123456:load-test", fake.BaseUrl.AbsoluteUri.TrimEnd('/')) { RetryThreshold = 0, RetryCount = 0 }, http);
            var telegramMessenger = new TelegramMessenger(new TelegramReplySender(new TelegramApi(telegram, time, NullLogger<TelegramApi>.Instance)), texts);
            var discordOptions = Options.Create(new DiscordOptions { Token = "load-test", ApiBaseUrl = new Uri(fake.BaseUrl, "/api/v10") });
            var rest = new DiscordRestClient(http, new DiscordRateLimiter(time), time, discordOptions, NullLogger<DiscordRestClient>.Instance);
            var discordMessenger = new DiscordMessenger(rest, texts);
            var signal = new DeliverySignal();
            var limiter = new DeliveryRateLimiter(
                Options.Create(options),
                [
                    TelegramPlatform.Limits(new TelegramOptions { PerSecond = fake.Limits.TelegramPerSecond, GroupPerMinute = fake.Limits.TelegramGroupPerMinute }),
                    DiscordPlatform.Limits(new DiscordOptions { PerSecond = fake.Limits.DiscordPerSecond }),
                ],
                time);
            using var worker = new DeliveryWorker(outbox, subscriptions, [telegramMessenger, discordMessenger], signal, Options.Create(options), database, time, NullLogger<DeliveryWorker>.Instance, limiter, [new OutboxPostRenderer<AnnouncementPost>(), new OutboxChangeRenderer<BroadcastProgressEdit>()]);

            // The worker's own hosted loop, one lane per platform, as in the running bot.
            var started = time.GetTimestamp();
            await worker.StartAsync(cancellationToken);
            if (ticker is not null)
            {
                await ticker.StartAsync(cancellationToken);
            }

            DeliveryProgress progress;
            while (!(progress = await outbox.ProgressAsync(keyPrefix, cancellationToken)).IsDone)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken);
            }

            var elapsed = time.GetElapsedTime(started);
            if (ticker is not null)
            {
                // The final count follows within one tick of the ticker and one turn of the worker.
                var final = time.GetTimestamp();
                while (!await FinalQueuedAsync(database, cancellationToken) || await outbox.PostStateAsync(BroadcastProgressEdit.KeyOf(1), cancellationToken) is not { Status: OutboxStatus.Sent })
                {
                    if (time.GetElapsedTime(final) > TimeSpan.FromSeconds(20))
                    {
                        throw new TimeoutException("the final progress edit was not made");
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken);
                }

                await ticker.StopAsync(CancellationToken.None);
                ticker.Dispose();
            }

            await worker.StopAsync(CancellationToken.None);
            return new BroadcastLoadResult(
                elapsed,
                progress,
                new Dictionary<string, int>(fake.TelegramDelivered, StringComparer.Ordinal),
                new Dictionary<string, int>(fake.DiscordDelivered, StringComparer.Ordinal),
                fake.Telegram429,
                fake.Discord429,
                LimitedPlatformFake.SteadyRate(fake.TelegramArrivals, fake.Limits.TelegramPerSecond),
                LimitedPlatformFake.SteadyRate(fake.DiscordArrivals, fake.Limits.DiscordPerSecond),
                await subscriptions.ListPausedAsync(cancellationToken));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static async Task<bool> FinalQueuedAsync(BotDatabase database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return Convert.ToInt64(await BotDatabase.ScalarAsync(connection, null, "SELECT COUNT(*) FROM bot_broadcast_progress WHERE done = 1", cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }
}
