using System.Collections.Concurrent;
using Bot.Core;
using Bot.Core.Content;
using Bot.Core.Delivery;
using Bot.Core.Delivery.RateLimits;
using Bot.Core.Events;
using Bot.Core.Kernel;
using Bot.Core.Replies;
using Bot.Core.Scheduling;
using Bot.Core.Storage;
using Bot.Discord;
using Bot.Telegram;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Bot.Tests.Storage;

/// <summary>
/// Rows that a release before payload kinds queued (schema version 4, one payload shape for every
/// row) are delivered after the upgrade as they were then, each by the renderer of its feature.
/// </summary>
public sealed class OutboxUpgradeTests : IDisposable
{
    private const int VersionBeforeKinds = 4;
    private const string ReminderKey = "reminder:amsterdam-protest:offset-1d:Telegram:-100";
    private const string AnnouncementKey = "announcement:7:Discord:900";

    // As the old OutboxMessage wrote them: every field, nulls included, the mass mention as a number.
    private const string ReminderJson = """{"paragraphs":["Nog 1 dag tot Protest in Amsterdam"],"linkText":"Meer informatie","linkUrl":"https://pauseai.info/protests","eventStartUnix":1743408000,"when":"maandag 31 maart 2025 10:00 (Europe/Amsterdam)","where":"Dam","markdown":null,"massMention":0}""";
    private const string AnnouncementJson = """{"paragraphs":[],"linkText":null,"linkUrl":null,"eventStartUnix":null,"when":null,"where":null,"markdown":"**Morgen** protesteren we.\n\nKom ook!","massMention":1}""";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 30, 10, 0, 0, TimeSpan.Zero));
    private readonly TempSqlite _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Sqlite_rows_queued_before_payload_kinds_are_delivered_after_the_upgrade()
    {
        await using var database = _temp.Open(_time);
        await Rows_queued_before_payload_kinds_are_delivered_after_the_upgrade(database);
    }

    [SkippableFact]
    public async Task Postgres_rows_queued_before_payload_kinds_are_delivered_after_the_upgrade()
    {
        TestPostgres.SkipIfAbsent();
        await using var database = new BotDatabase(StorageProvider.Postgres, await TestPostgres.CreateDatabaseAsync(), _time, NullLogger<BotDatabase>.Instance);
        await Rows_queued_before_payload_kinds_are_delivered_after_the_upgrade(database);
    }

    private async Task Rows_queued_before_payload_kinds_are_delivered_after_the_upgrade(BotDatabase database)
    {
        await WriteAsTheOldReleaseAsync(database);

        await database.InitializeAsync(CancellationToken.None);

        await using (var connection = await database.OpenAsync(CancellationToken.None))
        {
            Assert.Equal((long)BotDatabase.LatestVersion, await BotDatabase.ScalarAsync(connection, null, "SELECT MAX(version) FROM bot_schema_version", CancellationToken.None));
            Assert.Equal("reminder", await BotDatabase.ScalarAsync(connection, null, $"SELECT payload_kind FROM bot_outbox WHERE dedup_key = '{ReminderKey}'", CancellationToken.None));
            Assert.Equal("announcement", await BotDatabase.ScalarAsync(connection, null, $"SELECT payload_kind FROM bot_outbox WHERE dedup_key = '{AnnouncementKey}'", CancellationToken.None));
        }

        var outbox = new OutboxStore(database, _time);
        var telegram = new PartsMessenger(TelegramPlatform.Id);
        var discord = new PartsMessenger(DiscordPlatform.Id);
        var signal = new DeliverySignal();
        using var worker = new DeliveryWorker(outbox, new SubscriptionStore(database, _time), [telegram, discord], signal, Options.Create(new DeliveryOptions()), database, _time,
            NullLogger<DeliveryWorker>.Instance, new DeliveryRateLimiter(Options.Create(new DeliveryOptions()), [], _time), CoreRenderers());

        Assert.Equal(2, await worker.RunOnceAsync(CancellationToken.None));

        Assert.All(await outbox.ListAsync(CancellationToken.None), row => Assert.Equal(OutboxStatus.Sent, row.Status));
        var reminder = Assert.Single(telegram.Sent);
        var expected = new ReminderPost(["Nog 1 dag tot Protest in Amsterdam"], "Meer informatie", "https://pauseai.info/protests", 1743408000, "maandag 31 maart 2025 10:00 (Europe/Amsterdam)", "Dam").ToReply();
        Assert.Equal(InlineText.OfBlocks(expected.Body), InlineText.OfBlocks(reminder.Reply.Body));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1743408000), Assert.Single(Inlines<EventTimeInline>(reminder.Reply)).Instant);
        Assert.Equal(new Uri("https://pauseai.info/protests"), reminder.Reply.PreviewUrl);
        Assert.False(reminder.Reply.MassMention);
        Assert.Equal(0, reminder.FirstPart);

        var announcement = Assert.Single(discord.Sent);
        Assert.Equal("@everyone\nMorgen protesteren we.\nKom ook!", InlineText.OfBlocks(announcement.Reply.Body));
        Assert.False(Assert.Single(Inlines<MassMentionInline>(announcement.Reply)).Here);
        Assert.True(announcement.Reply.MassMention);
        Assert.Equal(1, announcement.FirstPart); // part 1 had arrived before the upgrade: it goes on with part 2
    }

    private static IEnumerable<T> Inlines<T>(Reply reply)
        where T : Inline => reply.Body.OfType<LeafBlock>().SelectMany(b => b.Inline?.Descendants<T>() ?? []);

    /// <summary>The schema of version 4 and two pending rows as that release queued them (without a payload kind).</summary>
    private async Task WriteAsTheOldReleaseAsync(BotDatabase database)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await BotDatabase.ExecuteAsync(connection, null, "CREATE TABLE bot_schema_version (version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL)", CancellationToken.None);
        for (var version = 1; version <= VersionBeforeKinds; version++)
        {
            foreach (var statement in Migrations.For(version, database.Provider))
            {
                await BotDatabase.ExecuteAsync(connection, null, statement, CancellationToken.None);
            }

            await BotDatabase.ExecuteAsync(connection, null, "INSERT INTO bot_schema_version (version, applied_at) VALUES (@v, @now)", CancellationToken.None, ("v", (long)version), ("now", now));
        }

        foreach (var (key, chat, json, partsSent) in new[]
        {
            (ReminderKey, new ChatAddress(TelegramPlatform.Id, "-100", ChatKind.Group), ReminderJson, 0L),
            (AnnouncementKey, new ChatAddress(DiscordPlatform.Id, "900", ChatKind.Group), AnnouncementJson, 1L),
        })
        {
            await BotDatabase.ExecuteAsync(connection, null, """
                INSERT INTO bot_outbox (dedup_key, platform, chat_id, chat_kind, payload, event_id, due_at, expires_at, status, attempts, next_attempt_at, created_at, parts_sent)
                VALUES (@key, @platform, @chat, @kind, @payload, NULL, @now, NULL, 'pending', 0, @now, @now, @parts)
                """, CancellationToken.None,
                ("key", key), ("platform", chat.Platform.ToString()), ("chat", chat.ChatId), ("kind", chat.Kind.ToString()), ("payload", json), ("now", now), ("parts", partsSent));
        }
    }

    /// <summary>The renderers the core registers, as the running bot's delivery worker gets them.</summary>
    private static IOutboxPayloadRenderer[] CoreRenderers()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Test", DisableDefaults = true });
        builder.AddBotCore();
        using var host = builder.Build();
        return [.. host.Services.GetServices<IOutboxPayloadRenderer>()];
    }

    /// <summary>Keeps each reply with the part it was asked to start at.</summary>
    private sealed class PartsMessenger(PlatformId platform) : IMessenger
    {
        private readonly ConcurrentQueue<(Reply Reply, int FirstPart)> _sent = new();

        public PlatformId Platform { get; } = platform;

        public IReadOnlyList<(Reply Reply, int FirstPart)> Sent => [.. _sent];

        public Task<DeliveryResult> SendAsync(ChatAddress chat, Reply reply, CancellationToken cancellationToken) => SendAsync(chat, reply, 0, cancellationToken);

        public Task<DeliveryResult> SendAsync(ChatAddress chat, Reply reply, int firstPart, CancellationToken cancellationToken)
        {
            _sent.Enqueue((reply, firstPart));
            return Task.FromResult(DeliveryResult.Sent);
        }
    }
}
