using System.Globalization;
using Bot.Core.Delivery;
using Bot.Core.Delivery.RateLimits;
using Bot.Core.Kernel;
using Bot.Core.Moderation;
using Bot.Core.Storage;
using Bot.Discord;
using Bot.Host;
using Bot.Telegram;
using Bot.Tests.Storage;
using Bot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Bot.Tests.Broadcast;

/// <summary>The delivery worker sending a broadcast: parallel sends, limits, 429s, gone chats, a crash mid-way; on fake time.</summary>
public sealed class BroadcastDeliveryTests : IDisposable
{
    private const string Prefix = "announcement:7:";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 4, 0, 0, TimeSpan.Zero));
    private readonly TempSqlite _temp = new();

    public void Dispose() => _temp.Dispose();

    private sealed record Node(BotDatabase Database, OutboxStore Outbox, SubscriptionStore Subscriptions, DeliveryWorker Worker, DeliverySignal Signal) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Worker.Dispose();
            await Database.DisposeAsync();
        }
    }

    private async Task<Node> StartAsync(DeliveryOptions options, params IMessenger[] messengers)
    {
        var database = _temp.Open(_time);
        await database.InitializeAsync(CancellationToken.None);
        var outbox = new OutboxStore(database, _time);
        var subscriptions = new SubscriptionStore(database, _time);
        var signal = new DeliverySignal();
        var worker = new DeliveryWorker(outbox, subscriptions, messengers, signal, Options.Create(options), database, _time, NullLogger<DeliveryWorker>.Instance, new DeliveryRateLimiter(Options.Create(options), TestPlatforms.Limits, _time), [new OutboxPostRenderer<AnnouncementPost>()]);
        return new Node(database, outbox, subscriptions, worker, signal);
    }

    private static ChatAddress Chat(PlatformId platform, int i) => new(platform, (-1000 - i).ToString(CultureInfo.InvariantCulture), ChatKind.Group);

    /// <summary>Subscribes the chats and queues one announcement row per chat (several when <paramref name="perChat"/> &gt; 1).</summary>
    private async Task QueueAsync(Node node, IEnumerable<ChatAddress> chats, int perChat = 1)
    {
        var rows = new List<OutboxRow>();
        foreach (var chat in chats)
        {
            await node.Subscriptions.UpsertAsync(new Subscription(chat, SubscriptionTopics.All, UiLanguage.Nl), "test", CancellationToken.None);
            for (var n = 0; n < perChat; n++)
            {
                rows.Add(new OutboxRow($"{Prefix}{n}:{chat.Platform}:{chat.ChatId}", chat, OutboxPayload.Of(new AnnouncementPost($"Aankondiging {n}")), _time.GetUtcNow(), null, null));
            }
        }

        await node.Outbox.EnqueueAsync(rows, CancellationToken.None);
    }

    [Fact]
    public async Task A_platform_whose_sends_hang_holds_up_no_other_platform()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stuck = new GatedMessenger(TelegramPlatform.Id) { Hold = release.Task };
        var other = new GatedMessenger(DiscordPlatform.Id);
        await using var node = await StartAsync(new DeliveryOptions(), stuck, other);
        await node.Worker.StartAsync(CancellationToken.None);
        await QueueAsync(node, [Chat(TelegramPlatform.Id, 1)]);
        node.Signal.Poke();
        Assert.True(await stuck.Started.WaitAsync(Timeout));

        // The first platform's send hangs; a post for the other, queued now, still goes at once.
        await QueueAsync(node, [Chat(DiscordPlatform.Id, 2)]);
        node.Signal.Poke();
        Assert.True(await other.Started.WaitAsync(Timeout), "the second platform waited for the first");

        release.SetResult();
        await node.Worker.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Different_chats_are_sent_in_parallel_up_to_the_cap_and_one_chats_rows_one_at_a_time_in_order()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var messenger = new GatedMessenger(ConsolePlatform.Id) { Hold = release.Task };
        await using var node = await StartAsync(new DeliveryOptions { MaxParallelSends = 4 }, messenger);
        await QueueAsync(node, Enumerable.Range(0, 6).Select(i => Chat(ConsolePlatform.Id, i)), perChat: 3);

        var round = node.Worker.RunOnceAsync(CancellationToken.None);
        for (var i = 0; i < 4; i++)
        {
            Assert.True(await messenger.Started.WaitAsync(Timeout));
        }

        // Four held at once: the cap. A fifth only starts when one finishes.
        Assert.False(await messenger.Started.WaitAsync(TimeSpan.FromMilliseconds(200)));
        release.SetResult();
        Assert.Equal(18, await round.WaitAsync(Timeout));

        Assert.Equal(4, messenger.MaxInFlight);
        Assert.Equal(1, messenger.MaxInFlightPerChat);
        Assert.Equal(18, messenger.Sent.Count);
        foreach (var chat in messenger.Sent.GroupBy(s => s.Chat))
        {
            Assert.Equal(["Aankondiging 0", "Aankondiging 1", "Aankondiging 2"], chat.Select(s => s.Text.Trim()));
        }

        Assert.Equal(new DeliveryProgress(0, 0, 18, 0, 0, 0), await node.Outbox.ProgressAsync(Prefix, CancellationToken.None));
    }

    [Fact]
    public async Task A_round_stops_at_telegrams_30_a_second_and_says_when_the_next_turn_is()
    {
        var messenger = new GatedMessenger(TelegramPlatform.Id);
        await using var node = await StartAsync(new DeliveryOptions(), messenger);
        await QueueAsync(node, Enumerable.Range(0, 35).Select(i => Chat(TelegramPlatform.Id, i)));

        Assert.Equal(30, await node.Worker.RunOnceAsync(CancellationToken.None));
        Assert.Equal(TimeSpan.FromSeconds(1), node.Worker.NextTurnIn);
        Assert.Equal(0, await node.Worker.RunOnceAsync(CancellationToken.None));

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(5, await node.Worker.RunOnceAsync(CancellationToken.None));
        Assert.Null(node.Worker.NextTurnIn);
        Assert.Equal(35, messenger.Sent.Select(s => s.Chat).Distinct().Count());
        Assert.Equal(35, messenger.Attempts);
    }

    [Fact]
    public async Task A_429_keeps_the_row_without_costing_an_attempt_slows_that_chat_and_the_rest_goes_on()
    {
        var limited = Chat(TelegramPlatform.Id, 0);
        var refusals = 0;
        var messenger = new GatedMessenger(TelegramPlatform.Id)
        {
            // More 429s than MaxAttempts: a rate limit must never make the row fail.
            Outcome = chat => chat == limited && ++refusals <= 4
                ? new DeliveryResult(DeliveryOutcome.RateLimited, "Telegram 429: Too Many Requests: retry after 5", TimeSpan.FromSeconds(5))
                : DeliveryResult.Sent,
        };
        await using var node = await StartAsync(new DeliveryOptions { MaxAttempts = 2 }, messenger);
        await QueueAsync(node, Enumerable.Range(0, 3).Select(i => Chat(TelegramPlatform.Id, i)));

        Assert.Equal(3, await node.Worker.RunOnceAsync(CancellationToken.None));
        Assert.Equal(2, messenger.Sent.Count);
        Assert.DoesNotContain(messenger.Sent, s => s.Chat == limited);
        Assert.Equal(TimeSpan.FromSeconds(5), node.Worker.RateLimiter.WaitFor(limited));
        Assert.Equal(TimeSpan.Zero, node.Worker.RateLimiter.WaitFor(Chat(TelegramPlatform.Id, 9)));

        for (var i = 0; i < 4; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(4));
            Assert.Equal(0, await node.Worker.RunOnceAsync(CancellationToken.None));
            _time.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(1, await node.Worker.RunOnceAsync(CancellationToken.None));
        }

        Assert.Equal(3, messenger.Sent.Count);
        Assert.Single(messenger.Sent, s => s.Chat == limited);
        Assert.Equal(new DeliveryProgress(0, 0, 3, 0, 0, 0), await node.Outbox.ProgressAsync(Prefix, CancellationToken.None));
    }

    [Fact]
    public async Task A_gone_channel_is_paused_and_reported_and_the_rest_of_the_broadcast_goes_on()
    {
        var gone = Chat(DiscordPlatform.Id, 1);
        var discord = new GatedMessenger(DiscordPlatform.Id)
        {
            Outcome = chat => chat == gone ? new DeliveryResult(DeliveryOutcome.Gone, "404 10003: Unknown Channel") : DeliveryResult.Sent,
        };
        var telegram = new GatedMessenger(TelegramPlatform.Id);
        await using var node = await StartAsync(new DeliveryOptions(), discord, telegram);
        await QueueAsync(node, Enumerable.Range(0, 4).Select(i => Chat(DiscordPlatform.Id, i)).Concat(Enumerable.Range(0, 3).Select(i => Chat(TelegramPlatform.Id, i))), perChat: 2);

        await node.Worker.RunOnceAsync(CancellationToken.None);

        var paused = Assert.Single(await node.Subscriptions.ListPausedAsync(CancellationToken.None));
        Assert.Equal(gone, paused.Chat);
        Assert.Equal("404 10003: Unknown Channel", paused.PausedReason);
        Assert.Equal(6, discord.Sent.Count);

        // Telegram: one message a second per chat, so each chat's second row waits a second.
        Assert.Equal(3, telegram.Sent.Count);
        Assert.Equal(TimeSpan.FromSeconds(1), node.Worker.NextTurnIn);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(3, await node.Worker.RunOnceAsync(CancellationToken.None));
        Assert.Equal(6, telegram.Sent.Count);
        var progress = await node.Outbox.ProgressAsync(Prefix, CancellationToken.None);
        Assert.Equal(12, progress.Sent);
        Assert.Equal(2, progress.Failed);
        Assert.True(progress.IsDone);
        var failures = await node.Outbox.FailuresAsync(Prefix, CancellationToken.None);
        Assert.Equal(2, failures.Count);
        Assert.All(failures, f => Assert.Equal(gone, f.Chat));
        Assert.Equal(new DeliveryProgress(0, 0, 0, 0, 0, 0), await node.Outbox.ProgressAsync("announcement:8:", CancellationToken.None));
    }

    [Fact]
    public async Task Killed_during_a_parallel_broadcast_the_restart_sends_the_rest_and_nothing_twice()
    {
        var hang = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = new GatedMessenger(ConsolePlatform.Id) { Hold = hang.Task };
        var node1 = await StartAsync(new DeliveryOptions { MaxParallelSends = 5 }, first);
        var chats = Enumerable.Range(0, 20).Select(i => Chat(ConsolePlatform.Id, i)).ToList();
        await QueueAsync(node1, chats);

        // Five sends are under way when the process dies: they may or may not have arrived.
        _ = node1.Worker.RunOnceAsync(CancellationToken.None);
        for (var i = 0; i < 5; i++)
        {
            Assert.True(await first.Started.WaitAsync(Timeout));
        }

        await node1.Database.DisposeAsync();

        var second = new GatedMessenger(ConsolePlatform.Id);
        await using var node2 = await StartAsync(new DeliveryOptions(), second);
        await node2.Worker.SettleInterruptedAsync(CancellationToken.None);
        Assert.Equal(15, await node2.Worker.RunOnceAsync(CancellationToken.None));

        Assert.Equal(15, second.Sent.Select(s => s.Chat).Distinct().Count());
        Assert.Equal(15, second.Attempts);
        Assert.Equal(new DeliveryProgress(0, 0, 15, 0, 5, 0), await node2.Outbox.ProgressAsync(Prefix, CancellationToken.None));
    }
}
