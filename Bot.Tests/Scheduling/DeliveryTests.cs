using Bot.Core.Delivery;
using Bot.Core.Delivery.RateLimits;
using Bot.Core.Events;
using Bot.Core.Kernel;
using Bot.Core.Scheduling;
using Bot.Core.Storage;
using Bot.Host;
using Bot.Tests.Storage;
using Bot.Tests.Telegram;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Bot.Tests.Scheduling;

public sealed class DeliveryTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2025, 2, 10, 8, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start - TimeSpan.FromDays(7));
    private readonly TempSqlite _temp = new();
    private readonly EventCatalog _catalog = new(NullLogger<EventCatalog>.Instance);

    public DeliveryTests()
    {
        _catalog.SetSource("file", new CatalogLoadResult(
            [new BotEvent("paris-2025", EventKind.Summit, new LocalizedText("AI Action Summit in Parijs", "AI Action Summit in Paris"),
                new DateTime(2025, 2, 10, 9, 0, 0), new DateTime(2025, 2, 11, 18, 0, 0), TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"),
                "Grand Palais", new Uri("https://pauseai.info/summit"), null)],
            []));
    }

    public void Dispose() => _temp.Dispose();

    private static ChatAddress Chat(int i) => new(ConsolePlatform.Id, "chat" + i, ChatKind.Group);

    private sealed record Node(BotDatabase Database, OutboxStore Outbox, SubscriptionStore Subscriptions, ReminderPoster Poster, DeliveryWorker Worker, DeliverySignal Signal) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Worker.Dispose();
            await Database.DisposeAsync();
        }
    }

    /// <summary>One "process": its own database handle (and SQLite lock), stores, poster and worker.</summary>
    private async Task<Node> StartNodeAsync(IMessenger messenger, DeliveryOptions? options = null, ILogger<DeliveryWorker>? logger = null)
    {
        var database = _temp.Open(_time);
        await database.InitializeAsync(CancellationToken.None);
        var outbox = new OutboxStore(database, _time);
        var subscriptions = new SubscriptionStore(database, _time);
        var signal = new DeliverySignal();
        var poster = new ReminderPoster(_catalog, subscriptions, outbox, signal, new ReaderZones(new UserZoneStore(database, _time)), new StaticOptionsMonitor<RemindersOptions>(new RemindersOptions()), _time, NullLogger<ReminderPoster>.Instance);
        var worker = new DeliveryWorker(outbox, subscriptions, [messenger], signal, Options.Create(options ?? new DeliveryOptions()), database, _time, logger ?? NullLogger<DeliveryWorker>.Instance, new DeliveryRateLimiter(Options.Create(options ?? new DeliveryOptions()), [], _time), [new OutboxPostRenderer<ReminderPost>()]);
        return new Node(database, outbox, subscriptions, poster, worker, signal);
    }

    private static async Task SubscribeAsync(Node node, int chats, UiLanguage language = UiLanguage.Nl)
    {
        for (var i = 0; i < chats; i++)
        {
            await node.Subscriptions.UpsertAsync(new Subscription(Chat(i), SubscriptionTopics.All, language), "test", CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_job_that_runs_twice_queues_each_post_once_and_each_is_sent_once()
    {
        var messenger = new RecordingMessenger();
        await using var node = await StartNodeAsync(messenger);
        await SubscribeAsync(node, 3);

        Assert.Equal(3, await node.Poster.PostAsync("paris-2025", CancellationToken.None));
        Assert.Equal(0, await node.Poster.PostAsync("paris-2025", CancellationToken.None));
        Assert.Equal(3, await node.Worker.RunOnceAsync(CancellationToken.None));
        Assert.Equal(0, await node.Worker.RunOnceAsync(CancellationToken.None));

        Assert.Equal(3, messenger.Sent.Count);
        Assert.Equal(3, messenger.Sent.Select(s => s.Chat).Distinct().Count());
        Assert.StartsWith("Nog 7 dagen tot AI Action Summit in Parijs", messenger.Sent[0].Text, StringComparison.Ordinal);
        Assert.Contains("maandag 10 februari 2025, 09:00 Parijse tijd · Grand Palais", messenger.Sent[0].Text, StringComparison.Ordinal);
        Assert.Contains("Meer informatie (https://pauseai.info/summit)", messenger.Sent[0].Text, StringComparison.Ordinal);
        Assert.Equal(3, (await node.Outbox.CountByStatusAsync(CancellationToken.None))[OutboxStatus.Sent]);
    }

    [Fact]
    public async Task Killed_after_sending_but_before_marking_nothing_is_sent_twice_and_every_row_is_sent()
    {
        var first = new RecordingMessenger();
        var crashed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // One send at a time, so that "the third send" is well defined (parallel sends: Bot.Tests/Broadcast).
        var node1 = await StartNodeAsync(first, new DeliveryOptions { BatchSize = 10, MaxParallelSends = 1 });
        await SubscribeAsync(node1, 5);
        await node1.Poster.PostAsync("paris-2025", CancellationToken.None);

        // The third send reaches the platform, then the process "dies": the worker never continues.
        first.AfterSend = () =>
        {
            if (first.Sent.Count == 3)
            {
                crashed.TrySetResult();
                return new TaskCompletionSource().Task;
            }

            return Task.CompletedTask;
        };
        _ = node1.Worker.RunOnceAsync(CancellationToken.None);
        await crashed.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await node1.Database.DisposeAsync(); // the OS drops the dead process's file lock

        // Restart: a new process on the same file; the job also fires again (misfire after restart).
        var second = new RecordingMessenger();
        await using var node2 = await StartNodeAsync(second);
        Assert.Equal(0, await node2.Poster.PostAsync("paris-2025", CancellationToken.None));
        await node2.Worker.SettleInterruptedAsync(CancellationToken.None);
        await node2.Worker.RunOnceAsync(CancellationToken.None);

        var all = first.Sent.Concat(second.Sent).Select(s => s.Chat).ToList();
        Assert.Equal(5, all.Count);
        Assert.Equal(5, all.Distinct().Count());
        Assert.Equal(3, first.Sent.Count);
        Assert.Equal(2, second.Sent.Count);
        var rows = await node2.Outbox.ListAsync(CancellationToken.None);
        Assert.Equal(4, rows.Count(r => r.Status == OutboxStatus.Sent));
        var uncertain = Assert.Single(rows, r => r.Status == OutboxStatus.Uncertain);
        Assert.Contains("not resent", uncertain.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Killed_after_queueing_but_before_sending_every_row_is_sent_once_after_restart()
    {
        var node1 = await StartNodeAsync(new RecordingMessenger());
        await SubscribeAsync(node1, 4);
        await node1.Poster.PostAsync("paris-2025", CancellationToken.None);
        await node1.DisposeAsync();

        var messenger = new RecordingMessenger();
        await using var node2 = await StartNodeAsync(messenger);
        await node2.Worker.SettleInterruptedAsync(CancellationToken.None);
        await node2.Worker.RunOnceAsync(CancellationToken.None);
        await node2.Worker.RunOnceAsync(CancellationToken.None);

        Assert.Equal(4, messenger.Sent.Select(s => s.Chat).Distinct().Count());
        Assert.Equal(4, messenger.Sent.Count);
    }

    [Fact]
    public async Task A_send_without_an_answer_is_marked_uncertain_and_never_sent_again()
    {
        var attempts = 0;
        var messenger = new RecordingMessenger { Outcome = (_, _) => { attempts++; return new DeliveryResult(DeliveryOutcome.Uncertain, "no answer within the HTTP timeout"); } };
        await using var node = await StartNodeAsync(messenger);
        await SubscribeAsync(node, 1);
        await node.Poster.PostAsync("paris-2025", CancellationToken.None);

        Assert.Equal(1, await node.Worker.RunOnceAsync(CancellationToken.None));
        _time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await node.Worker.RunOnceAsync(CancellationToken.None));

        Assert.Equal(1, attempts);
        var row = Assert.Single(await node.Outbox.ListAsync(CancellationToken.None));
        Assert.Equal(OutboxStatus.Uncertain, row.Status);
        Assert.Equal("no answer within the HTTP timeout", row.Error);
    }

    [Fact]
    public async Task Failing_rows_back_off_then_are_marked_failed_with_the_platform_reason()
    {
        var attempts = 0;
        var messenger = new RecordingMessenger { Outcome = (_, _) => ++attempts == 2 ? new DeliveryResult(DeliveryOutcome.RateLimited, "429 Too Many Requests", TimeSpan.FromMinutes(1)) : new DeliveryResult(DeliveryOutcome.Retry, "HTTP 502 Bad Gateway") };
        await using var node = await StartNodeAsync(messenger, new DeliveryOptions { MaxAttempts = 3, InitialBackoff = TimeSpan.FromSeconds(10) });
        await SubscribeAsync(node, 1);
        await node.Poster.PostAsync("paris-2025", CancellationToken.None);

        Assert.Equal(1, await node.Worker.RunOnceAsync(CancellationToken.None));
        _time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(0, await node.Worker.RunOnceAsync(CancellationToken.None));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await node.Worker.RunOnceAsync(CancellationToken.None)); // the platform asks for a minute: a rate limit, not an attempt
        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, await node.Worker.RunOnceAsync(CancellationToken.None));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await node.Worker.RunOnceAsync(CancellationToken.None)); // attempt 2
        _time.Advance(TimeSpan.FromSeconds(19));
        Assert.Equal(0, await node.Worker.RunOnceAsync(CancellationToken.None));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await node.Worker.RunOnceAsync(CancellationToken.None)); // attempt 3: the last
        _time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await node.Worker.RunOnceAsync(CancellationToken.None));

        Assert.Equal(4, attempts);
        var row = Assert.Single(await node.Outbox.ListAsync(CancellationToken.None));
        Assert.Equal(OutboxStatus.Failed, row.Status);
        Assert.Equal("HTTP 502 Bad Gateway", row.Error);
    }

    [Fact]
    public async Task A_refused_token_rests_the_platform_and_tries_one_post_a_minute_without_losing_any()
    {
        var refused = true;
        var attempts = 0;
        var messenger = new RecordingMessenger { Outcome = (_, _) => { attempts++; return refused ? new DeliveryResult(DeliveryOutcome.Unauthorized, "401 Unauthorized") : DeliveryResult.Sent; } };
        using var logs = new CapturingLoggerProvider();
        using var logging = LoggerFactory.Create(builder => builder.AddProvider(logs));
        await using var node = await StartNodeAsync(messenger, new DeliveryOptions { MaxAttempts = 1 }, logging.CreateLogger<DeliveryWorker>());
        await SubscribeAsync(node, 3);
        await node.Poster.PostAsync("paris-2025", CancellationToken.None);

        await node.Worker.RunOnceAsync(CancellationToken.None);
        var first = attempts;
        Assert.Equal(PlatformRetry.UnauthorizedPause, node.Worker.NextTurnIn);
        _time.Advance(PlatformRetry.UnauthorizedPause / 2);
        Assert.Equal(0, await node.Worker.RunOnceAsync(CancellationToken.None)); // resting: nothing is tried
        Assert.Equal(first, attempts);
        _time.Advance(PlatformRetry.UnauthorizedPause / 2);
        await node.Worker.RunOnceAsync(CancellationToken.None);
        Assert.Equal(first + 1, attempts); // one post tries the token again, not all of them

        Assert.Equal(3, (await node.Outbox.CountByStatusAsync(CancellationToken.None))[OutboxStatus.Pending]);
        Assert.Empty(await node.Subscriptions.ListPausedAsync(CancellationToken.None));
        Assert.Single(logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("[5213]", StringComparison.Ordinal) && l.Contains("check the bot token", StringComparison.Ordinal));

        // The operator fixes the token: within the pause every post goes, none spent its only attempt on the refusals.
        refused = false;
        _time.Advance(PlatformRetry.UnauthorizedPause);
        Assert.Equal(3, await node.Worker.RunOnceAsync(CancellationToken.None));
        Assert.Equal(3, (await node.Outbox.CountByStatusAsync(CancellationToken.None))[OutboxStatus.Sent]);
        Assert.Single(logs.Lines, l => l.Contains("[5214]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_gone_chat_is_paused_and_gets_no_further_reminders()
    {
        var messenger = new RecordingMessenger { Outcome = (chat, _) => chat.ChatId == "chat0" ? new DeliveryResult(DeliveryOutcome.Gone, "403 Forbidden: bot was kicked") : DeliveryResult.Sent };
        await using var node = await StartNodeAsync(messenger);
        await SubscribeAsync(node, 2);
        await node.Poster.PostAsync("paris-2025", CancellationToken.None);
        await node.Worker.RunOnceAsync(CancellationToken.None);

        var paused = Assert.Single(await node.Subscriptions.ListAsync(CancellationToken.None), s => s.Paused);
        Assert.Equal("chat0", paused.Chat.ChatId);
        Assert.Equal("403 Forbidden: bot was kicked", paused.PausedReason);

        _time.Advance(TimeSpan.FromDays(6));
        Assert.Equal(1, await node.Poster.PostAsync("paris-2025", CancellationToken.None));
    }

    [Fact]
    public async Task Rows_not_sent_before_the_event_began_expire_instead_of_arriving_late()
    {
        var messenger = new RecordingMessenger();
        await using var node = await StartNodeAsync(messenger);
        await SubscribeAsync(node, 1);
        await node.Poster.PostAsync("paris-2025", CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(8));

        Assert.Equal(0, await node.Worker.RunOnceAsync(CancellationToken.None));
        Assert.Empty(messenger.Sent);
        Assert.Equal(OutboxStatus.Expired, Assert.Single(await node.Outbox.ListAsync(CancellationToken.None)).Status);
    }

    [Fact]
    public async Task Posts_are_written_in_the_subscribers_language()
    {
        var messenger = new RecordingMessenger();
        await using var node = await StartNodeAsync(messenger);
        await SubscribeAsync(node, 1, UiLanguage.En);
        _time.Advance(TimeSpan.FromDays(6) + TimeSpan.FromHours(23));
        await node.Poster.PostAsync("paris-2025", CancellationToken.None);
        await node.Worker.RunOnceAsync(CancellationToken.None);

        Assert.StartsWith("1 hour until AI Action Summit in Paris", Assert.Single(messenger.Sent).Text, StringComparison.Ordinal);
        Assert.Contains("Monday 10 February 2025, 9:00 am Paris time", messenger.Sent[0].Text, StringComparison.Ordinal);
    }
}
