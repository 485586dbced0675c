using System.Collections.Concurrent;
using Bot.Core.Delivery;
using Bot.Core.Delivery.RateLimits;
using Bot.Core.Kernel;
using Bot.Core.Moderation;
using Bot.Core.Replies;
using Bot.Core.Storage;
using Bot.Telegram;
using Bot.Tests.Storage;
using Bot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace Bot.Tests.Broadcast;

/// <summary>
/// Two nodes on one PostgreSQL database, each with its own limiter, must together stay within the bot
/// token's limit (Telegram 30 a second): one of them leads and sends, and the other takes over when the
/// leader stops. Real time, so it runs alone.
/// </summary>
[Collection(RealTimeLoad.Name)]
public sealed class PostgresLeaderTests
{
    [SkippableFact]
    public async Task Two_nodes_together_never_send_faster_than_the_token_allows_and_the_second_takes_over()
    {
        TestPostgres.SkipIfAbsent();
        var connection = await TestPostgres.CreateDatabaseAsync();
        var sends = new ConcurrentQueue<(int Node, string Chat, DateTimeOffset At)>();
        await using var a = await Node.StartAsync(1, connection, sends);
        await using var b = await Node.StartAsync(2, connection, sends);
        await a.QueueAsync("first", 90);

        await WaitUntilAsync(() => sends.Count >= 90);
        Assert.Equal(90, sends.Select(s => s.Chat).Distinct().Count());
        Assert.Single(sends.Select(s => s.Node).Distinct()); // one leader sent them all
        var busiest = sends.Max(s => sends.Count(o => o.At >= s.At && o.At < s.At + TimeSpan.FromSeconds(1)));
        Assert.InRange(busiest, 1, 30);

        // The leader goes away; the other node sends the next broadcast on its own.
        var leader = sends.First().Node == 1 ? a : b;
        var other = leader == a ? b : a;
        await leader.StopAsync();
        await other.QueueAsync("second", 30);
        await WaitUntilAsync(() => sends.Count >= 120);
        Assert.All(sends.Skip(90), s => Assert.Equal(other.Id, s.Node));
        Assert.Equal(120, sends.Select(s => s.Chat).Distinct().Count());
    }

    private static async Task WaitUntilAsync(Func<bool> done)
    {
        for (var i = 0; i < 300 && !done(); i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
        }

        Assert.True(done());
    }

    /// <summary>One process: its own database pool, outbox, limiter and delivery worker.</summary>
    private sealed class Node : IAsyncDisposable
    {
        private readonly BotDatabase _database;
        private readonly DeliveryWorker _worker;
        private readonly DeliverySignal _signal = new();
        private bool _stopped;

        private Node(int id, BotDatabase database, ConcurrentQueue<(int, string, DateTimeOffset)> sends)
        {
            Id = id;
            _database = database;
            Outbox = new OutboxStore(database, TimeProvider.System);
            var options = Options.Create(new DeliveryOptions { PollInterval = TimeSpan.FromSeconds(1) });
            _worker = new DeliveryWorker(Outbox, new SubscriptionStore(database, TimeProvider.System), [new TimedMessenger(id, sends)], _signal, options, database, TimeProvider.System, NullLogger<DeliveryWorker>.Instance,
                new DeliveryRateLimiter(options, TestPlatforms.Limits, TimeProvider.System), [new OutboxPostRenderer<AnnouncementPost>()]);
        }

        public int Id { get; }

        public OutboxStore Outbox { get; }

        public static async Task<Node> StartAsync(int id, string connection, ConcurrentQueue<(int, string, DateTimeOffset)> sends)
        {
            var database = new BotDatabase(StorageProvider.Postgres, connection, TimeProvider.System, NullLogger<BotDatabase>.Instance);
            await database.InitializeAsync(CancellationToken.None);
            var node = new Node(id, database, sends);
            await node._worker.StartAsync(CancellationToken.None);
            return node;
        }

        public async Task QueueAsync(string broadcast, int chats)
        {
            var now = TimeProvider.System.GetUtcNow();
            await Outbox.EnqueueAsync(Enumerable.Range(1, chats).Select(i =>
            {
                var chat = new ChatAddress(TelegramPlatform.Id, $"{broadcast}-{i}", ChatKind.Private);
                return new OutboxRow($"announcement:{broadcast}:{chat.Platform}:{chat.ChatId}", chat, OutboxPayload.Of(new AnnouncementPost("Hallo")), now, null, null);
            }), CancellationToken.None);
        }

        public async Task StopAsync()
        {
            if (!_stopped)
            {
                _stopped = true;
                await _worker.StopAsync(CancellationToken.None);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync();
            _worker.Dispose();
            await _database.DisposeAsync();
        }
    }

    private sealed class TimedMessenger(int node, ConcurrentQueue<(int, string, DateTimeOffset)> sends) : IMessenger
    {
        public PlatformId Platform => TelegramPlatform.Id;

        public async Task<DeliveryResult> SendAsync(ChatAddress chat, Reply reply, CancellationToken cancellationToken)
        {
            sends.Enqueue((node, chat.ChatId, TimeProvider.System.GetUtcNow()));
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System, cancellationToken);
            return DeliveryResult.Sent;
        }
    }
}
