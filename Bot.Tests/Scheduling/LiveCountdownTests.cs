using Bot.Core.Commands;
using Bot.Core.Delivery;
using Bot.Core.Delivery.RateLimits;
using Bot.Core.Events;
using Bot.Core.Kernel;
using Bot.Core.Replies;
using Bot.Core.Replies.PlainText;
using Bot.Core.Scheduling;
using Bot.Core.Storage;
using Bot.Discord;
using Bot.Discord.Rest;
using Bot.Telegram;
using Bot.Telegram.Api;
using Bot.Tests.Discord.Support;
using Bot.Tests.Storage;
using Bot.Tests.Support;
using Bot.Tests.Telegram;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Xunit;
using TelegramAnswer = Bot.Tests.Telegram.FakeResponse;

namespace Bot.Tests.Scheduling;

/// <summary>
/// <c>/abonneer aftellen</c> over the wire (the loopback Telegram and Discord fakes keep messages and answer edits of
/// deleted ones as the platforms do): one message per chat, pinned, edited in place hour by fake hour through the
/// outbox, posted again exactly once after a member deletes it, ending after the event; one message after a restart.
/// </summary>
public sealed class LiveCountdownTests : IAsyncLifetime, IDisposable
{
    private static readonly ChatAddress Group = new(TelegramPlatform.Id, "-1007", ChatKind.Group);
    private static readonly ChatAddress Channel = new(DiscordPlatform.Id, "90001", ChatKind.Group);
    private readonly SignalingTimeProvider _time = new();
    private readonly TempSqlite _temp = new();
    private readonly HttpClient _http = new();
    private readonly EventCatalog _catalog = new(NullLogger<EventCatalog>.Instance);
    private FakeBotApi _telegram = null!;
    private FakeDiscord _discord = null!;
    private IMessenger[] _messengers = [];
    private Node _node = null!;

    private DateTimeOffset Start => _time.GetUtcNow() + TimeSpan.FromDays(3) + TimeSpan.FromHours(5);

    public async Task InitializeAsync()
    {
        _telegram = await FakeBotApi.StartAsync(TelegramTestHost.Token);
        _discord = await FakeDiscord.StartAsync();
        _discord.Guilds.Add("777", "PauseAI NL");
        var telegramClient = new TelegramBotClient(new TelegramBotClientOptions(TelegramTestHost.Token, _telegram.BaseUrl.AbsoluteUri.TrimEnd('/')) { RetryCount = 0, RetryThreshold = 0 }, _http);
        var rest = new DiscordRestClient(_http, new DiscordRateLimiter(_time), _time, Options.Create(new DiscordOptions { Token = "countdown-token", ApiBaseUrl = _discord.ApiBase }), NullLogger<DiscordRestClient>.Instance);
        _messengers =
        [
            new TelegramMessenger(new TelegramReplySender(new TelegramApi(telegramClient, _time, NullLogger<TelegramApi>.Instance)), new UiTexts()),
            new DiscordMessenger(rest, new UiTexts()),
        ];
        _node = await Node.StartAsync(_temp.Open(_time), _time, _catalog, _messengers);
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        await _telegram.DisposeAsync();
        await _discord.DisposeAsync();
    }

    public void Dispose()
    {
        _http.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task A_countdown_is_posted_once_pinned_edited_in_place_over_several_days_and_ends_after_the_event()
    {
        var start = Start;
        SetEvents(Event("demo", "Demo Den Haag", start, start + TimeSpan.FromHours(3)));
        var on = await _node.RunAsync("abonneer", "aftellen", Group);
        Assert.Contains("Countdown on", Text(on), StringComparison.Ordinal);

        await _node.StepAsync();
        Assert.Single(_telegram.CallsTo("sendMessage"));
        Assert.Single(_telegram.CallsTo("pinChatMessage"));
        var (chat, id) = Assert.Single(_telegram.Messages.Keys);
        Assert.Contains("4 days until Demo Den Haag", _telegram.Messages[(chat, id)], StringComparison.Ordinal);
        Assert.Equal(id, _telegram.CallsTo("pinChatMessage")[0].Parameters["message_id"]!.GetValue<long>());

        var seen = new List<string>();
        for (var hour = 1; hour <= 24 * 6; hour++)
        {
            _time.Advance(TimeSpan.FromHours(1));
            await _node.StepAsync();
            var text = Assert.Single(_telegram.Messages).Value;
            if (seen.Count == 0 || seen[^1] != text)
            {
                seen.Add(text);
            }
        }

        // Daily for three days, hourly in the last 23 hours, "now" at the start, "took place" at the end; then nothing.
        Assert.Equal(28, _telegram.CallsTo("editMessageText").Count);
        Assert.Single(_telegram.CallsTo("sendMessage"));
        Assert.Single(_telegram.CallsTo("pinChatMessage"));
        Assert.Contains(seen, t => t.Contains("3 days until Demo Den Haag", StringComparison.Ordinal));
        Assert.Contains(seen, t => t.Contains("23 hours until Demo Den Haag", StringComparison.Ordinal));
        Assert.Contains(seen, t => t.Contains("1 hour until Demo Den Haag", StringComparison.Ordinal));
        Assert.Contains(seen, t => t.Contains("Demo Den Haag is happening now", StringComparison.Ordinal));
        Assert.Contains("Demo Den Haag took place", _telegram.Messages[(chat, id)], StringComparison.Ordinal);
        Assert.Equal(id, Assert.Single(_telegram.Messages.Keys).Message);
        Assert.All(await _node.Outbox.ListAsync(CancellationToken.None), r => Assert.True(r.Status == OutboxStatus.Sent, $"{r.Key}: {r.Status} {r.Error}"));
        Assert.All(_telegram.Calls, call => Assert.Empty(TelegramSpec.Validate(call.Method, call.Parameters)));
    }

    [Fact]
    public async Task A_countdown_a_member_deleted_is_posted_again_exactly_once_and_pinned_and_then_edited()
    {
        SetEvents(Event("demo", "Demo Den Haag", Start, Start + TimeSpan.FromHours(3)));
        await _node.RunAsync("abonneer", "aftellen", Group);
        await _node.StepAsync();
        var first = Assert.Single(_telegram.Messages.Keys);
        Assert.True(_telegram.DeleteByHand(first.Chat, first.Message));

        _time.Advance(TimeSpan.FromDays(1));
        await _node.StepAsync();
        await _node.StepAsync();
        var second = Assert.Single(_telegram.Messages.Keys);
        Assert.NotEqual(first.Message, second.Message);
        Assert.Contains("3 days until", _telegram.Messages[second], StringComparison.Ordinal);
        Assert.Equal(2, _telegram.CallsTo("sendMessage").Count);
        Assert.Equal(2, _telegram.CallsTo("pinChatMessage").Count);
        Assert.Equal(second.Message, _telegram.CallsTo("pinChatMessage")[1].Parameters["message_id"]!.GetValue<long>());

        _time.Advance(TimeSpan.FromDays(1));
        await _node.StepAsync();
        Assert.Equal(2, _telegram.CallsTo("sendMessage").Count); // the new message is edited, not posted again
        Assert.Contains("2 days until", _telegram.Messages[Assert.Single(_telegram.Messages.Keys)], StringComparison.Ordinal);
        Assert.Equal(second, Assert.Single(_telegram.Messages.Keys));
    }

    [Fact]
    public async Task A_countdown_deleted_again_and_again_comes_back_once_per_deletion_even_with_several_edits_waiting()
    {
        SetEvents(Event("demo", "Demo Den Haag", Start + TimeSpan.FromDays(10), Start + TimeSpan.FromDays(10) + TimeSpan.FromHours(3)));
        await _node.RunAsync("abonneer", "aftellen", Group);
        await _node.StepAsync();
        for (var deletion = 1; deletion <= 3; deletion++)
        {
            var gone = Assert.Single(_telegram.Messages.Keys);
            Assert.True(_telegram.DeleteByHand(gone.Chat, gone.Message));

            // Two moments pass before the worker runs: two edits wait for the deleted message.
            _time.Advance(TimeSpan.FromDays(1));
            await _node.Ticker.SyncAsync(CancellationToken.None);
            _time.Advance(TimeSpan.FromDays(1));
            await _node.StepAsync();
            _time.Advance(TimeSpan.FromSeconds(3)); // the second edit waited for the new post
            await _node.StepAsync();

            Assert.Equal(1 + deletion, _telegram.CallsTo("sendMessage").Count);
            var back = Assert.Single(_telegram.Messages.Keys);
            Assert.NotEqual(gone, back);
            Assert.Contains($"{14 - (2 * deletion)} days until", _telegram.Messages[back], StringComparison.Ordinal);
            Assert.Equal(back.Message, _telegram.CallsTo("pinChatMessage")[^1].Parameters["message_id"]!.GetValue<long>());
        }

        Assert.All(await _node.Outbox.ListAsync(CancellationToken.None), r => Assert.True(r.Status == OutboxStatus.Sent, $"{r.Key}: {r.Status} {r.Error}"));
    }

    [Fact]
    public async Task A_countdown_whose_new_post_is_uncertain_is_never_posted_a_second_time()
    {
        SetEvents(Event("demo", "Demo Den Haag", Start, Start + TimeSpan.FromHours(3)));
        await _node.RunAsync("abonneer", "aftellen", Group);
        await _node.StepAsync();
        var first = Assert.Single(_telegram.Messages.Keys);
        Assert.True(_telegram.DeleteByHand(first.Chat, first.Message));
        _time.Advance(TimeSpan.FromDays(1));
        await _node.Ticker.SyncAsync(CancellationToken.None);
        _telegram.Respond = call => call.Method == "sendMessage" ? TelegramAnswer.Error(500, "Internal Server Error: try again") : null;
        await _node.Worker.RunOnceAsync(CancellationToken.None); // the edit finds the message gone and queues its new post

        // The process died while that post was on the wire: after the restart it is uncertain.
        var repost = Assert.Single(await _node.Outbox.ListAsync(CancellationToken.None), r => r.Key.EndsWith(":repost", StringComparison.Ordinal));
        Assert.NotEqual(OutboxStatus.Sent, repost.Status);
        await using (var connection = await _node.Database.OpenAsync(CancellationToken.None))
        {
            await BotDatabase.ExecuteAsync(connection, null, "UPDATE bot_outbox SET status = 'uncertain' WHERE dedup_key = @key", CancellationToken.None, ("key", repost.Key));
        }

        _telegram.Respond = null;
        for (var day = 0; day < 3; day++)
        {
            _time.Advance(TimeSpan.FromDays(1));
            await _node.StepAsync();
        }

        // The first post and the refused try of the new one: that one may have arrived (as far as the bot knows), so never again.
        Assert.Equal(2, _telegram.CallsTo("sendMessage").Count);
        Assert.Empty(_telegram.Messages);
        Assert.DoesNotContain(_telegram.CallsTo("editMessageText"), c => c.Parameters["message_id"]!.GetValue<long>() != first.Message);
    }

    [Fact]
    public async Task The_console_chat_prints_the_countdown_and_each_new_text_and_nothing_fails()
    {
        using var output = new StringWriter();
        await using var console = await Node.StartAsync(_temp.Open(_time), _time, _catalog, [new Bot.Host.ConsoleMessenger(output)]);
        SetEvents(Event("demo", "Demo Den Haag", Start, Start + TimeSpan.FromHours(3)));
        await console.RunAsync("abonneer", "aftellen", Bot.Host.ConsolePlatform.Chat);

        await console.StepAsync();
        _time.Advance(TimeSpan.FromDays(1));
        await console.StepAsync();

        var printed = output.ToString();
        Assert.Contains("4 days until Demo Den Haag", printed, StringComparison.Ordinal);
        Assert.Contains("(bericht 1 bijgewerkt)\n3 days until Demo Den Haag", printed.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.All(await console.Outbox.ListAsync(CancellationToken.None), r => Assert.True(r.Status == OutboxStatus.Sent, $"{r.Key}: {r.Status} {r.Error}"));
    }

    [Fact]
    public async Task Subscriptions_lists_the_chats_countdown_and_the_subscribe_help_mentions_it()
    {
        SetEvents(Event("demo", "Demo Den Haag", Start, Start + TimeSpan.FromHours(3)));
        Assert.Contains("Start with /subscribe (summits, protests or all, or countdown)", Text(await _node.RunAsync("abonnementen", string.Empty, Group)), StringComparison.Ordinal);
        await _node.RunAsync("abonneer", "aftellen", Group);

        var listed = Text(await _node.RunAsync("abonnementen", string.Empty, Group));
        Assert.Contains("This chat has a live countdown", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("No subscriptions", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("live countdown", Text(await _node.RunAsync("abonnementen", string.Empty, Channel)), StringComparison.Ordinal);
        Assert.Contains("/subscribe countdown", Text(await _node.RunAsync("abonneer", "wat", Group)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_Discord_the_countdown_is_pinned_edited_and_posted_again_once_after_Unknown_Message()
    {
        SetEvents(Event("demo", "Demo Den Haag", Start, Start + TimeSpan.FromHours(3)));
        await _node.RunAsync("abonneer", "aftellen", Channel);
        await _node.StepAsync();
        var first = Assert.Single(_discord.Messages.Keys);
        Assert.Equal([first], _discord.Pins.ToArray());
        Assert.Contains("4 days until Demo Den Haag", _discord.Messages[first], StringComparison.Ordinal);
        Assert.Contains("<t:", _discord.Messages[first], StringComparison.Ordinal); // the time as Discord shows it

        _time.Advance(TimeSpan.FromDays(1));
        await _node.StepAsync();
        Assert.Contains("3 days until", _discord.Messages[first], StringComparison.Ordinal);
        Assert.Single(_discord.Requests, r => r.Method == "PATCH");

        _discord.DeleteByHand(first.Channel, first.Message);
        _time.Advance(TimeSpan.FromDays(1));
        await _node.StepAsync();
        await _node.StepAsync();
        var second = Assert.Single(_discord.Messages.Keys);
        Assert.NotEqual(first, second);
        Assert.Contains("2 days until", _discord.Messages[second], StringComparison.Ordinal);
        Assert.Equal(2, _discord.Requests.Count(r => r.Method == "POST"));
        Assert.Equal([first, second], _discord.Pins.ToArray());
        foreach (var patch in _discord.Requests.Where(r => r.Method == "PATCH"))
        {
            Assert.Empty(OpenApiCheck.Problems(patch.Json, "MessageEditRequestPartial"));
        }
    }

    [Fact]
    public Task A_restart_and_a_second_node_on_the_same_database_keep_one_message() =>
        RestartAndSecondNodeAsync(() => _temp.Open(_time));

    [SkippableFact]
    public async Task On_PostgreSQL_a_restart_and_a_second_node_keep_one_message()
    {
        TestPostgres.SkipIfAbsent();
        var connection = await TestPostgres.CreateDatabaseAsync();
        await _node.DisposeAsync();
        _node = await Node.StartAsync(new BotDatabase(StorageProvider.Postgres, connection, _time, NullLogger<BotDatabase>.Instance), _time, _catalog, _messengers);
        await RestartAndSecondNodeAsync(() => new BotDatabase(StorageProvider.Postgres, connection, _time, NullLogger<BotDatabase>.Instance));
    }

    private async Task RestartAndSecondNodeAsync(Func<BotDatabase> open)
    {
        SetEvents(Event("demo", "Demo Den Haag", Start, Start + TimeSpan.FromHours(3)));
        await _node.RunAsync("abonneer", "aftellen", Group);
        await _node.StepAsync();

        // The process stops; a new host on the same database takes over, and a second one runs beside it.
        await _node.DisposeAsync();
        _node = await Node.StartAsync(open(), _time, _catalog, _messengers);
        await using var second = await Node.StartAsync(open(), _time, _catalog, _messengers);
        _telegram.Respond = null;
        for (var day = 0; day < 3; day++)
        {
            _time.Advance(TimeSpan.FromDays(1));
            await second.Ticker.SyncAsync(CancellationToken.None);
            await _node.StepAsync();
            await second.StepAsync();
        }

        Assert.Single(_telegram.CallsTo("sendMessage"));
        Assert.Single(_telegram.CallsTo("pinChatMessage"));
        Assert.Single(_telegram.Messages);
        Assert.Equal(3, _telegram.CallsTo("editMessageText").Count); // 3 days, 2 days, 5 hours: each once
        Assert.Contains("5 hours until", Assert.Single(_telegram.Messages).Value, StringComparison.Ordinal);
        Assert.False(await _node.Countdowns.AddAsync(Group, UiLanguage.En, "test", CancellationToken.None)); // a second /abonneer aftellen adds nothing
    }

    [Fact]
    public async Task After_the_event_the_same_message_counts_down_to_the_next_one_and_unsubscribing_stops_it()
    {
        var start = _time.GetUtcNow() + TimeSpan.FromHours(2);
        SetEvents(Event("demo", "Demo Den Haag", start, start + TimeSpan.FromHours(1)), Event("summit", "Summit Parijs", start + TimeSpan.FromDays(5), start + TimeSpan.FromDays(6)));
        await _node.RunAsync("abonneer", "aftellen", Group);
        await _node.StepAsync();
        Assert.Contains("2 hours until Demo Den Haag", Assert.Single(_telegram.Messages).Value, StringComparison.Ordinal);

        _time.Advance(TimeSpan.FromHours(4) + TimeSpan.FromMinutes(1));
        await _node.StepAsync();
        Assert.Contains("5 days until Summit Parijs", Assert.Single(_telegram.Messages).Value, StringComparison.Ordinal);
        Assert.Single(_telegram.CallsTo("sendMessage"));

        var off = await _node.RunAsync("opzeggen", "aftellen", Group);
        Assert.Contains("Countdown off", Text(off), StringComparison.Ordinal);
        var edits = _telegram.CallsTo("editMessageText").Count;
        _time.Advance(TimeSpan.FromDays(2));
        await _node.StepAsync();
        Assert.Equal(edits, _telegram.CallsTo("editMessageText").Count);
    }

    [Fact]
    public async Task Without_the_right_to_pin_the_countdown_still_works_unpinned_and_only_moderators_start_it()
    {
        SetEvents(Event("demo", "Demo Den Haag", Start, Start + TimeSpan.FromHours(3)));
        var refused = await _node.RunAsync("abonneer", "aftellen", Group, moderator: false);
        Assert.True(refused.IsError);
        await _node.StepAsync();
        Assert.Empty(_telegram.Messages);

        _telegram.Enqueue("pinChatMessage", TelegramAnswer.Error(400, "Bad Request: not enough rights to manage pinned messages in the chat"));
        await _node.RunAsync("abonneer", "aftellen", Group);
        await _node.StepAsync();
        _time.Advance(TimeSpan.FromDays(1));
        await _node.StepAsync();

        Assert.Single(_telegram.CallsTo("pinChatMessage"));
        Assert.Contains("3 days until", Assert.Single(_telegram.Messages).Value, StringComparison.Ordinal);
        Assert.All(await _node.Outbox.ListAsync(CancellationToken.None), r => Assert.True(r.Status == OutboxStatus.Sent, $"{r.Key}: {r.Status} {r.Error}"));
    }

    [Fact]
    public async Task A_countdown_started_when_nothing_is_planned_posts_nothing_until_an_event_is_planned()
    {
        var past = _time.GetUtcNow() - TimeSpan.FromDays(2);
        SetEvents(Event("old", "Oude demo", past, past + TimeSpan.FromHours(2)));
        await _node.RunAsync("abonneer", "aftellen", Group);
        _time.Advance(TimeSpan.FromDays(1));
        await _node.StepAsync();
        Assert.Empty(_telegram.Messages);

        SetEvents(Event("old", "Oude demo", past, past + TimeSpan.FromHours(2)), Event("demo", "Demo Den Haag", Start, Start + TimeSpan.FromHours(3)));
        await _node.StepAsync();
        Assert.Contains("4 days until Demo Den Haag", Assert.Single(_telegram.Messages).Value, StringComparison.Ordinal);
        Assert.Single(_telegram.CallsTo("sendMessage"));
    }

    private void SetEvents(params BotEvent[] events) => _catalog.SetSource("file", new CatalogLoadResult(events, []));

    private static BotEvent Event(string id, string title, DateTimeOffset start, DateTimeOffset end) =>
        new(id, EventKind.Protest, new LocalizedText(title, title), start.UtcDateTime, end.UtcDateTime, TimeZoneInfo.Utc, "Plein", null, null);

    private static string Text(Reply reply) => PlainTextReplyFormatter.Format(reply);

    /// <summary>One bot process: database, the subscription commands behind a real router, the countdown ticker and a delivery worker.</summary>
    private sealed class Node : IAsyncDisposable
    {
        private readonly FakeModeratorCheck _telegramModerators = new(TelegramPlatform.Id);
        private readonly FakeModeratorCheck _discordModerators = new(DiscordPlatform.Id);

        private Node(BotDatabase database, TimeProvider time, EventCatalog catalog, IReadOnlyList<IMessenger> messengers)
        {
            Database = database;
            var subscriptions = new SubscriptionStore(database, time);
            Outbox = new OutboxStore(database, time);
            Countdowns = new CountdownStore(database, time);
            var signal = new DeliverySignal();
            var texts = new UiTexts();
            Router = TestRouter.Create(database, time,
                [new SubscribeHandler(subscriptions, texts, countdowns: Countdowns), new UnsubscribeHandler(subscriptions, texts, Countdowns), new SubscriptionsHandler(subscriptions, texts, TestPlatforms.Directory, Countdowns)],
                _telegramModerators, _discordModerators);
            Ticker = new CountdownTicker(Countdowns, Outbox, catalog, signal, new ReaderZones(new UserZoneStore(database, time)), time, NullLogger<CountdownTicker>.Instance);
            Worker = new DeliveryWorker(Outbox, subscriptions, messengers, signal, Options.Create(new DeliveryOptions { BatchSize = 100, MaxParallelSends = 1 }), database, time, NullLogger<DeliveryWorker>.Instance,
                new DeliveryRateLimiter(Options.Create(new DeliveryOptions()), [], time),
                [new OutboxPostRenderer<CountdownPost>(), new OutboxChangeRenderer<CountdownEdit>(), new OutboxChangeRenderer<CountdownPin>()]);
        }

        public BotDatabase Database { get; }

        public OutboxStore Outbox { get; }

        public CountdownStore Countdowns { get; }

        public CommandRouter Router { get; }

        public CountdownTicker Ticker { get; }

        public DeliveryWorker Worker { get; }

        public static async Task<Node> StartAsync(BotDatabase database, TimeProvider time, EventCatalog catalog, IReadOnlyList<IMessenger> messengers)
        {
            await database.InitializeAsync(takeLock: false, CancellationToken.None);
            return new Node(database, time, catalog, messengers);
        }

        /// <summary>What the hosted loops do at one moment: the ticker queues, the worker sends everything due.</summary>
        public async Task StepAsync()
        {
            await Ticker.SyncAsync(CancellationToken.None);
            while (await Worker.RunOnceAsync(CancellationToken.None) > 0)
            {
            }
        }

        public async ValueTask<Reply> RunAsync(string command, string arguments, ChatAddress chat, bool moderator = true)
        {
            (chat.Platform == DiscordPlatform.Id ? _discordModerators : _telegramModerators).Set(chat, "42", moderator);
            return await Router.RouteAsync(new CommandRequest(command, arguments, new UserRef("42", "mod42"), chat, "en"), CancellationToken.None);
        }

        public async ValueTask DisposeAsync()
        {
            Worker.Dispose();
            await Database.DisposeAsync();
        }
    }
}
