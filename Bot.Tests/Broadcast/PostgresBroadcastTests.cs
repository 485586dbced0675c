using Bot.Core.Delivery;
using Bot.Core.Delivery.RateLimits;
using Bot.Core.Kernel;
using Bot.Core.Moderation;
using Bot.Core.Storage;
using Bot.Discord;
using Bot.Telegram;
using Bot.Tests.Storage;
using Bot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Bot.Tests.Broadcast;

/// <summary>The broadcast queries and the batched claim on PostgreSQL (skipped without a server).</summary>
public sealed class PostgresBroadcastTests
{
    [SkippableFact]
    public async Task Progress_failures_paused_channels_and_parallel_sends_work_on_postgres()
    {
        TestPostgres.SkipIfAbsent();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 4, 0, 0, TimeSpan.Zero));
        await using var database = new BotDatabase(StorageProvider.Postgres, await TestPostgres.CreateDatabaseAsync(), time, NullLogger<BotDatabase>.Instance);
        await database.InitializeAsync(CancellationToken.None);
        var outbox = new OutboxStore(database, time);
        var subscriptions = new SubscriptionStore(database, time);
        var gone = new ChatAddress(DiscordPlatform.Id, "9002", ChatKind.Group);
        var discord = new GatedMessenger(DiscordPlatform.Id) { Outcome = chat => chat == gone ? new DeliveryResult(DeliveryOutcome.Gone, "403 50001: Missing Access") : DeliveryResult.Sent };
        var telegram = new GatedMessenger(TelegramPlatform.Id);
        var signal = new DeliverySignal();
        using var worker = new DeliveryWorker(outbox, subscriptions, [discord, telegram], signal, Options.Create(new DeliveryOptions()), database, time, NullLogger<DeliveryWorker>.Instance, new DeliveryRateLimiter(Options.Create(new DeliveryOptions()), TestPlatforms.Limits, time), renderers: [new OutboxPostRenderer<AnnouncementPost>()]);

        var chats = Enumerable.Range(0, 5).Select(i => new ChatAddress(DiscordPlatform.Id, "900" + i, ChatKind.Group))
            .Concat(Enumerable.Range(0, 5).Select(i => new ChatAddress(TelegramPlatform.Id, "-100" + i, ChatKind.Group)))
            .ToList();
        foreach (var chat in chats)
        {
            await subscriptions.UpsertAsync(new Subscription(chat, SubscriptionTopics.All, UiLanguage.Nl), "test", CancellationToken.None);
        }

        await outbox.EnqueueAsync(chats.Select(c => new OutboxRow($"announcement:5:{c.Platform}:{c.ChatId}", c, OutboxPayload.Of(new AnnouncementPost("Hallo")), time.GetUtcNow(), null, null)), CancellationToken.None);
        await outbox.EnqueueAsync([new OutboxRow("announcement:50:x", chats[0], OutboxPayload.Of(new AnnouncementPost("Ander")), time.GetUtcNow() + TimeSpan.FromDays(1), null, null)], CancellationToken.None);

        Assert.Equal(10, await worker.RunOnceAsync(CancellationToken.None));

        Assert.Equal(new DeliveryProgress(0, 0, 9, 1, 0, 0), await outbox.ProgressAsync("announcement:5:", CancellationToken.None));
        Assert.Equal(new DeliveryProgress(1, 0, 0, 0, 0, 0), await outbox.ProgressAsync("announcement:50:", CancellationToken.None));
        var failure = Assert.Single(await outbox.FailuresAsync("announcement:5:", CancellationToken.None));
        Assert.Equal(gone, failure.Chat);
        Assert.Equal(gone, Assert.Single(await subscriptions.ListPausedAsync(CancellationToken.None)).Chat);
        Assert.Equal(5, telegram.Sent.Count);
        Assert.Equal(4, discord.Sent.Count);
    }
}
