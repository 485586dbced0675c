using System.Collections.Concurrent;
using Bot.Core.Delivery;
using Bot.Core.Kernel;
using Bot.Core.Moderation;
using Bot.Core.Replies;
using Bot.Core.Replies.PlainText;
using Bot.Telegram;
using Bot.Tests.Storage;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Bot.Tests.Moderation;

/// <summary>
/// While a large broadcast goes out, the message the moderator confirmed it on is edited with its progress, and with
/// the final count when it is done; through the outbox, low priority, and never an error when the message is gone.
/// </summary>
public sealed class BroadcastProgressTests : IDisposable
{
    private const string Preview = "preview-7";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly TempSqlite _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_count_is_in_Dutch_with_thousands_and_the_final_one_names_failures_and_the_report()
    {
        Assert.Equal("Aankondiging #12: 1.200 van 2.000 verstuurd …", BroadcastProgressText.For(12, new DeliveryProgress(800, 0, 1200, 0, 0, 0), UiLanguage.Nl));
        Assert.Equal("Aankondiging #12: 1.997 van 2.000 verstuurd, 3 mislukt — /status 12", BroadcastProgressText.For(12, new DeliveryProgress(0, 0, 1997, 3, 0, 0), UiLanguage.Nl));
        Assert.Equal("Announcement #12: 1,999 of 2,000 sent, 1 unknown — /status 12", BroadcastProgressText.For(12, new DeliveryProgress(0, 0, 1999, 0, 1, 0), UiLanguage.En));
    }

    [Fact]
    public async Task A_large_broadcast_edits_the_confirm_message_with_its_progress_then_the_final_count()
    {
        var messenger = new EditingMessenger(TelegramPlatform.Id);
        await using var node = await StartAsync(messenger, channels: 150);
        // Early in the broadcast the ticker comes by (it runs every 5 s on its own).
        messenger.BeforeSend = async n =>
        {
            if (n == 20)
            {
                Assert.Equal(1, await node.Progress.SyncAsync(CancellationToken.None));
                Assert.Equal(0, await node.Progress.SyncAsync(CancellationToken.None)); // nothing changed: nothing queued
            }
        };

        await ConfirmAsync(node);
        await node.Worker.RunOnceAsync(CancellationToken.None);
        Assert.Equal(1, await node.Progress.SyncAsync(CancellationToken.None));
        await node.Worker.RunOnceAsync(CancellationToken.None);

        Assert.Equal(150, messenger.Sent.Count);
        Assert.Equal(["Announcement #1: 19 of 150 sent …", "Announcement #1: 150 of 150 sent — /status 1"], messenger.Edits.Select(e => e.Text));
        Assert.All(messenger.Edits, e => Assert.Equal((ModeratorChat, Preview), (e.Chat, e.Message)));
        Assert.Equal(0, await node.Progress.SyncAsync(CancellationToken.None));
        Assert.Equal(1, await node.Database.CountAsync("SELECT COUNT(*) FROM bot_broadcast_progress WHERE done = 1"));
    }

    [Fact]
    public async Task A_deleted_preview_stops_the_edits_without_an_error_and_the_broadcast_goes_on()
    {
        var messenger = new EditingMessenger(TelegramPlatform.Id) { EditResult = new DeliveryResult(DeliveryOutcome.MessageGone, "Bad Request: message to edit not found") };
        await using var node = await StartAsync(messenger, channels: 120);
        messenger.BeforeSend = async n =>
        {
            if (n == 30)
            {
                await node.Progress.SyncAsync(CancellationToken.None);
            }
        };

        await ConfirmAsync(node);
        await node.Worker.RunOnceAsync(CancellationToken.None);
        Assert.Equal(0, await node.Progress.SyncAsync(CancellationToken.None));
        await node.Worker.RunOnceAsync(CancellationToken.None);

        Assert.Equal(120, messenger.Sent.Count);
        Assert.Single(messenger.Edits);
        Assert.Equal(1, await node.Database.CountAsync("SELECT COUNT(*) FROM bot_broadcast_progress WHERE done = 1"));
        Assert.Equal(0, await node.Database.CountAsync("SELECT COUNT(*) FROM bot_subscriptions WHERE paused = 1"));
    }

    [Fact]
    public async Task A_429_on_the_progress_edit_waits_its_retry_after_holds_no_post_up_and_the_final_count_still_comes()
    {
        var messenger = new EditingMessenger(TelegramPlatform.Id) { EditResults = n => n == 1 ? new DeliveryResult(DeliveryOutcome.RateLimited, "429 Too Many Requests: retry after 7", TimeSpan.FromSeconds(7)) : DeliveryResult.Sent };
        await using var node = await StartAsync(messenger, channels: 100);
        await ConfirmAsync(node);
        await node.Worker.RunOnceAsync(CancellationToken.None);
        Assert.Equal(1, await node.Progress.SyncAsync(CancellationToken.None));
        await node.Worker.RunOnceAsync(CancellationToken.None);
        Assert.Single(messenger.Edits); // refused with a 429: waits its 7 s, not an attempt

        _time.Advance(TimeSpan.FromSeconds(8));
        await node.Worker.RunOnceAsync(CancellationToken.None);

        Assert.Equal(100, messenger.Sent.Count);
        Assert.Equal(["Announcement #1: 100 of 100 sent — /status 1", "Announcement #1: 100 of 100 sent — /status 1"], messenger.Edits.Select(e => e.Text));
        Assert.Contains(await node.Outbox.ListAsync(CancellationToken.None), r => r.Key == BroadcastProgressEdit.KeyOf(1) && r.Status == OutboxStatus.Sent);
    }

    [Fact]
    public async Task The_final_count_is_made_by_the_next_process_after_a_restart()
    {
        var before = new EditingMessenger(TelegramPlatform.Id);
        await using (var node = await StartAsync(before, channels: 110))
        {
            await ConfirmAsync(node);
            await node.Worker.RunOnceAsync(CancellationToken.None);
        }

        var after = new EditingMessenger(TelegramPlatform.Id);
        await using var restarted = await StartAsync(after, channels: 0);
        Assert.Equal(1, await restarted.Progress.SyncAsync(CancellationToken.None));
        await restarted.Worker.RunOnceAsync(CancellationToken.None);

        Assert.Empty(before.Edits);
        Assert.Equal(["Announcement #1: 110 of 110 sent — /status 1"], after.Edits.Select(e => e.Text));
    }

    [Fact]
    public async Task A_small_broadcast_or_a_press_without_a_message_is_not_followed()
    {
        var messenger = new EditingMessenger(TelegramPlatform.Id);
        await using var node = await StartAsync(messenger, channels: 99);
        await ConfirmAsync(node);
        var preview = await node.RunAsync("aankondiging", "Nog een");
        await node.PressAsync(Confirm(preview), moderator: true);

        Assert.Equal(0, await node.Database.CountAsync("SELECT COUNT(*) FROM bot_broadcast_progress"));
        Assert.Equal(0, await node.Progress.SyncAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_progress_edit_lets_posts_waiting_for_the_rate_limit_go_first_and_takes_a_turn_after_its_patience()
    {
        var messenger = new EditingMessenger(TelegramPlatform.Id);
        var database = _temp.Open(_time);
        await database.InitializeAsync(CancellationToken.None);
        var outbox = new OutboxStore(database, _time);
        var options = new DeliveryOptions { MaxParallelSends = 4 };
        using var worker = new DeliveryWorker(outbox, new Bot.Core.Storage.SubscriptionStore(database, _time), [messenger], new DeliverySignal(), Microsoft.Extensions.Options.Options.Create(options), database, _time,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<DeliveryWorker>.Instance,
            new Bot.Core.Delivery.RateLimits.DeliveryRateLimiter(Microsoft.Extensions.Options.Options.Create(options), [new Bot.Core.Delivery.RateLimits.PlatformLimits(TelegramPlatform.Id) { PerSecond = 10 }], _time),
            [new OutboxPostRenderer<AnnouncementPost>(), new OutboxChangeRenderer<BroadcastProgressEdit>()]);
        var rows = Enumerable.Range(0, 200).Select(i => new OutboxRow($"announcement:1:telegram:{-2000 - i}", new ChatAddress(TelegramPlatform.Id, (-2000 - i).ToString(System.Globalization.CultureInfo.InvariantCulture), ChatKind.Group), OutboxPayload.Of(new AnnouncementPost("Demo")), _time.GetUtcNow(), null, null))
            .Append(new OutboxRow(BroadcastProgressEdit.KeyOf(1), ModeratorChat, OutboxPayload.OfChange(new BroadcastProgressEdit([Preview], "Announcement #1: 0 of 200 sent …")), _time.GetUtcNow(), null, null));
        await outbox.EnqueueAsync(rows, CancellationToken.None);

        var start = _time.GetUtcNow();
        while ((await outbox.CountByStatusAsync(CancellationToken.None)).GetValueOrDefault(OutboxStatus.Pending) > 0)
        {
            await worker.RunOnceAsync(CancellationToken.None);
            _time.Advance(worker.NextTurnIn is { } wait && wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(100));
        }

        // 10 a second: the edit sorts first, yet waits while posts wait, and goes after its 10 s of patience (about post 100).
        var edit = Assert.Single(messenger.Calls, c => c.Edit);
        Assert.InRange(messenger.Calls.ToList().IndexOf(edit), 95, 115);
        Assert.Equal(200, messenger.Sent.Count);
        Assert.InRange(_time.GetUtcNow() - start, TimeSpan.FromSeconds(19), TimeSpan.FromSeconds(21));
        await database.DisposeAsync();
    }

    [Fact]
    public async Task On_Discord_the_answer_to_the_press_is_edited_through_its_interaction_and_an_expired_one_is_gone_not_a_refused_token()
    {
        await using var discord = await Bot.Tests.Discord.Support.FakeDiscord.StartAsync();
        using var http = new HttpClient();
        var rest = new Bot.Discord.Rest.DiscordRestClient(http, new Bot.Discord.Rest.DiscordRateLimiter(_time), _time,
            Microsoft.Extensions.Options.Options.Create(new Bot.Discord.DiscordOptions { Token = "progress-token", ApiBaseUrl = discord.ApiBase }), Microsoft.Extensions.Logging.Abstractions.NullLogger<Bot.Discord.Rest.DiscordRestClient>.Instance);
        var messenger = new Bot.Discord.DiscordMessenger(rest, new Bot.Core.Commands.UiTexts());
        var chat = new ChatAddress(Bot.Discord.DiscordPlatform.Id, "5555", ChatKind.Group);
        var reply = new BroadcastProgressEdit(["interaction:111:tok-en"], "Aankondiging #3: 1.200 van 2.000 verstuurd …").ToReply()!;

        var edited = await messenger.EditAsync(chat, ["interaction:111:tok-en"], reply, CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Sent, edited.Outcome);
        var patch = Assert.Single(discord.Requests, r => r.Method == "PATCH");
        Assert.Equal("webhooks/111/tok-en/messages/@original", patch.Path);
        Assert.Empty(Bot.Tests.Discord.Support.OpenApiCheck.Problems(patch.Json, "IncomingWebhookUpdateRequestPartial"));
        Assert.Contains("1.200 van 2.000", patch.Body, StringComparison.Ordinal);

        // After 15 minutes Discord no longer knows the interaction's token: the message is gone, the bot's token is fine.
        discord.Respond = r => r.Method == "PATCH" ? new Bot.Tests.Discord.Support.FakeResponse(401, """{"message":"Invalid Webhook Token","code":50027}""") : null;
        var expired = await messenger.EditAsync(chat, ["interaction:111:tok-en"], reply, CancellationToken.None);
        Assert.Equal(DeliveryOutcome.MessageGone, expired.Outcome);
    }

    [SkippableFact]
    public async Task On_PostgreSQL_two_nodes_counting_at_once_queue_one_progress_row_and_the_final_count_once()
    {
        TestPostgres.SkipIfAbsent();
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        var leader = new EditingMessenger(TelegramPlatform.Id);
        var other = new EditingMessenger(TelegramPlatform.Id);
        var moderation = new ModerationOptions { ProgressMinChannels = 100 };
        await using var a = await ModerationNode.StartAsync(new Bot.Core.Storage.BotDatabase(Bot.Core.Storage.StorageProvider.Postgres, connectionString, _time, Microsoft.Extensions.Logging.Abstractions.NullLogger<Bot.Core.Storage.BotDatabase>.Instance), _time, moderation, leader);
        await using var b = await ModerationNode.StartAsync(new Bot.Core.Storage.BotDatabase(Bot.Core.Storage.StorageProvider.Postgres, connectionString, _time, Microsoft.Extensions.Logging.Abstractions.NullLogger<Bot.Core.Storage.BotDatabase>.Instance), _time, moderation, other);
        await a.SubscribeAsync(telegram: 120, discord: 0);
        leader.BeforeSend = async n =>
        {
            if (n % 20 == 0)
            {
                await Task.WhenAll(a.Progress.SyncAsync(CancellationToken.None), b.Progress.SyncAsync(CancellationToken.None));
            }
        };

        await ConfirmAsync(a);
        await a.Worker.RunOnceAsync(CancellationToken.None); // the leader delivers
        await Task.WhenAll(a.Progress.SyncAsync(CancellationToken.None), b.Progress.SyncAsync(CancellationToken.None));
        await a.Worker.RunOnceAsync(CancellationToken.None);
        await Task.WhenAll(a.Progress.SyncAsync(CancellationToken.None), b.Progress.SyncAsync(CancellationToken.None));
        await a.Worker.RunOnceAsync(CancellationToken.None);

        Assert.Equal(120, leader.Sent.Count);
        Assert.Equal(1, await a.Database.CountAsync("SELECT COUNT(*) FROM bot_outbox WHERE dedup_key LIKE 'announcement-progress:%'"));
        Assert.Single(leader.Edits, e => e.Text == "Announcement #1: 120 of 120 sent — /status 1");
        Assert.Equal("Announcement #1: 120 of 120 sent — /status 1", leader.Edits[^1].Text);
        Assert.Empty(other.Edits);
    }

    private static readonly ChatAddress ModeratorChat = new(TelegramPlatform.Id, "-1007", ChatKind.Group);

    private async Task<ModerationNode> StartAsync(EditingMessenger messenger, int channels)
    {
        var node = await ModerationNode.StartAsync(_temp, _time, new ModerationOptions { ProgressMinChannels = 100 }, messenger);
        await node.SubscribeAsync(telegram: channels, discord: 0);
        return node;
    }

    private static async Task ConfirmAsync(ModerationNode node)
    {
        var preview = await node.RunAsync("aankondiging", "Demo morgen");
        var confirmed = await node.PressAsync(Confirm(preview).Token!, moderator: true, messageRef: Preview);
        Assert.Contains("is going out", PlainTextReplyFormatter.Format(confirmed), StringComparison.Ordinal);
    }

    private static Bot.Core.Replies.ReplyChoice Confirm(Reply preview) =>
        Assert.Single(preview.Choices, c => c.Arguments.StartsWith(AnnounceHandler.ConfirmPrefix, StringComparison.Ordinal));

    /// <summary>Sends every post and records every edit, with a hook before each send.</summary>
    private sealed class EditingMessenger(PlatformId platform) : IMessenger
    {
        private readonly ConcurrentQueue<ChatAddress> _sent = new();
        private readonly ConcurrentQueue<(ChatAddress Chat, string Message, string Text)> _edits = new();
        private readonly ConcurrentQueue<(ChatAddress Chat, bool Edit)> _calls = new();

        public PlatformId Platform { get; } = platform;

        public Func<int, Task>? BeforeSend { get; set; }

        public DeliveryResult EditResult { get; init; } = DeliveryResult.Sent;

        /// <summary>The answer to the n-th edit (from 1), when set; else <see cref="EditResult"/>.</summary>
        public Func<int, DeliveryResult>? EditResults { get; init; }

        public IReadOnlyList<ChatAddress> Sent => [.. _sent];

        public IReadOnlyList<(ChatAddress Chat, string Message, string Text)> Edits => [.. _edits];

        /// <summary>Sends and edits in the order they were made.</summary>
        public IReadOnlyList<(ChatAddress Chat, bool Edit)> Calls => [.. _calls];

        public async Task<DeliveryResult> SendAsync(ChatAddress chat, Reply reply, CancellationToken cancellationToken)
        {
            _sent.Enqueue(chat);
            _calls.Enqueue((chat, false));
            if (BeforeSend is { } before)
            {
                await before(_sent.Count);
            }

            return DeliveryResult.Sent with { MessageIds = ["m" + _sent.Count] };
        }

        public Task<DeliveryResult> EditAsync(ChatAddress chat, IReadOnlyList<string> messageIds, Reply reply, CancellationToken cancellationToken)
        {
            _edits.Enqueue((chat, Assert.Single(messageIds), PlainTextReplyFormatter.Format(reply).Trim()));
            _calls.Enqueue((chat, true));
            return Task.FromResult(EditResults?.Invoke(_edits.Count) ?? EditResult);
        }
    }
}
