using Bot.Core.Delivery;
using Bot.Core.Events;
using Bot.Core.Kernel;
using Bot.Core.Scheduling;
using Bot.Core.Storage;
using Bot.Host;
using Bot.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Quartz;
using Xunit;

namespace Bot.Tests.Scheduling;

/// <summary>Reminders end to end through Quartz: catalog → triggers → job → outbox → messenger, on fake time.</summary>
public sealed class QuartzReminderTests : IDisposable
{
    // 2025-03-20 12:00 Amsterdam (CET); the event is on Monday 31 March 10:00 CEST, after the spring change.
    private static readonly DateTimeOffset T0 = new(2025, 3, 20, 11, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset EventStart = new(2025, 3, 31, 8, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(T0);
    private readonly TempSqlite _temp = new();
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("bot-root-");

    public QuartzReminderTests()
    {
        File.WriteAllText(Path.Combine(_root.FullName, "events.yaml"), """
            events:
              - id: amsterdam-protest
                kind: protest
                title: { nl: Protest in Amsterdam, en: Protest in Amsterdam }
                start: 2025-03-31T10:00
                end: 2025-03-31T12:00
                timezone: Europe/Amsterdam
                location: Dam
            """);
    }

    public void Dispose()
    {
        _temp.Dispose();
        _root.Delete(recursive: true);
    }

    private Dictionary<string, string?> Settings(bool inMemory = false) => new()
    {
        ["Scheduler:InMemory"] = inMemory ? "true" : "false",
        ["Storage:ConnectionString"] = _temp.ConnectionString,
        ["Events:File"] = "events.yaml",
        ["Events:Watch"] = "false",
        ["Delivery:PollInterval"] = "00:00:01",
    };

    private static Task SubscribeConsoleAsync(IHost host) =>
        host.Services.GetRequiredService<SubscriptionStore>().UpsertAsync(new Subscription(ConsolePlatform.Chat, SubscriptionTopics.All, UiLanguage.Nl), "test", CancellationToken.None);

    /// <summary>
    /// Moves the fake clock to <paramref name="moment"/>. Quartz's scheduler thread computes its wait
    /// from the clock and then sleeps on it; a jump between the two would push its wake-up later. So
    /// the clock moves in steps of at most an hour with a short real pause after each (letting the
    /// thread re-arm), and the last few seconds one second at a time.
    /// </summary>
    private async Task AdvanceToAsync(DateTimeOffset moment)
    {
        while (moment - _time.GetUtcNow() > TimeSpan.FromSeconds(3))
        {
            var step = moment - _time.GetUtcNow() - TimeSpan.FromSeconds(3);
            _time.Advance(step > TimeSpan.FromHours(1) ? TimeSpan.FromHours(1) : step);
            await Task.Delay(TimeSpan.FromMilliseconds(2), TimeProvider.System);
        }

        while (_time.GetUtcNow() < moment)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System);
        }
    }

    /// <summary>
    /// Keeps the fake clock ticking a second at a time (with a real pause for the scheduler and the
    /// worker) until the condition holds, at most <paramref name="limit"/> of fake time: a reminder
    /// counts as "on time" only within that limit.
    /// </summary>
    private Task PumpUntilAsync(Func<bool> done, TimeSpan? limit = null) => PumpUntilAsync(() => Task.FromResult(done()), limit);

    private async Task PumpUntilAsync(Func<Task<bool>> done, TimeSpan? limit = null)
    {
        var end = _time.GetUtcNow() + (limit ?? TimeSpan.FromSeconds(30));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await done())
        {
            Assert.True(_time.GetUtcNow() < end, "nothing arrived within the allowed fake time");
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System, timeout.Token);
        }
    }

    [Fact]
    public async Task Each_reminder_arrives_once_at_its_local_time_across_the_dst_change()
    {
        using var messenger = new RecordingMessenger();
        using var host = SchedulingHost.Build(_root.FullName, Settings(inMemory: true), messenger, _time, q => q.UseTimeProvider(_time));
        await host.StartAsync();
        await SubscribeConsoleAsync(host);

        // 7 days before: Monday 24 March 10:00 CET = 09:00 UTC (the event itself is 10:00 CEST = 08:00 UTC).
        await AdvanceToAsync(new DateTimeOffset(2025, 3, 24, 9, 0, 0, TimeSpan.Zero));
        await PumpUntilAsync(() => messenger.Sent.Count >= 1);
        Assert.StartsWith("Nog 7 dagen tot Protest in Amsterdam", messenger.Sent[0].Text, StringComparison.Ordinal);

        // 1 day before: Sunday 30 March 10:00 CEST = 08:00 UTC.
        await AdvanceToAsync(new DateTimeOffset(2025, 3, 30, 8, 0, 0, TimeSpan.Zero));
        await PumpUntilAsync(() => messenger.Sent.Count >= 2);
        Assert.StartsWith("Nog 1 dag tot Protest in Amsterdam", messenger.Sent[1].Text, StringComparison.Ordinal);

        await AdvanceToAsync(EventStart - TimeSpan.FromHours(1));
        await PumpUntilAsync(() => messenger.Sent.Count >= 3);
        Assert.StartsWith("Nog 1 uur tot Protest in Amsterdam", messenger.Sent[2].Text, StringComparison.Ordinal);

        await AdvanceToAsync(EventStart + TimeSpan.FromDays(2));
        await host.StopAsync(); // the worker finishes marking what it sent
        var outbox = host.Services.GetRequiredService<OutboxStore>();
        var rows = await outbox.ListAsync(CancellationToken.None);
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal(OutboxStatus.Sent, r.Status));
        Assert.Equal(3, messenger.Sent.Count);
    }

    [Fact]
    public async Task A_reminder_whose_queueing_fails_is_retried_and_still_arrives_once()
    {
        using var messenger = new RecordingMessenger();
        using var host = SchedulingHost.Build(_root.FullName, Settings(inMemory: true), messenger, _time, q => q.UseTimeProvider(_time));
        await host.StartAsync();
        await SubscribeConsoleAsync(host);
        var database = host.Services.GetRequiredService<BotDatabase>();
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var retry = new TriggerKey("amsterdam-protest|retry", ReminderScheduleSync.Group);
        await using (var connection = await database.OpenAsync(CancellationToken.None))
        {
            await BotDatabase.ExecuteAsync(connection, null, "ALTER TABLE bot_outbox RENAME TO bot_outbox_away", CancellationToken.None);
        }

        await AdvanceToAsync(new DateTimeOffset(2025, 3, 24, 9, 0, 0, TimeSpan.Zero));
        await PumpUntilAsync(async () => await scheduler.GetTrigger(retry) is not null);
        Assert.Empty(messenger.Sent);
        await using (var connection = await database.OpenAsync(CancellationToken.None))
        {
            await BotDatabase.ExecuteAsync(connection, null, "ALTER TABLE bot_outbox_away RENAME TO bot_outbox", CancellationToken.None);
        }

        await PumpUntilAsync(() => messenger.Sent.Count >= 1, TimeSpan.FromMinutes(1));
        Assert.StartsWith("Nog 7 dagen tot Protest in Amsterdam", messenger.Sent[0].Text, StringComparison.Ordinal);
        await host.StopAsync();
        Assert.Single(messenger.Sent);
    }

    [Fact]
    public async Task A_moved_event_moves_its_reminders_and_a_removed_event_loses_them()
    {
        using var messenger = new RecordingMessenger();
        using var host = SchedulingHost.Build(_root.FullName, Settings(inMemory: true), messenger, _time, q => q.UseTimeProvider(_time));
        await host.StartAsync();
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var sync = host.Services.GetRequiredService<ReminderScheduleSync>();
        var catalog = host.Services.GetRequiredService<EventCatalog>();
        var key = new TriggerKey("amsterdam-protest|offset-7d", ReminderScheduleSync.Group);
        Assert.Equal(new DateTimeOffset(2025, 3, 24, 9, 0, 0, TimeSpan.Zero), (await scheduler.GetTrigger(key))?.NextFireTimeUtc);

        var moved = catalog.All[0] with { StartLocal = new DateTime(2025, 4, 2, 10, 0, 0), EndLocal = new DateTime(2025, 4, 2, 12, 0, 0) };
        catalog.SetSource("file", new CatalogLoadResult([moved], []));
        var result = await sync.SyncAsync(scheduler, CancellationToken.None);

        Assert.Equal(new DateTimeOffset(2025, 3, 26, 9, 0, 0, TimeSpan.Zero), (await scheduler.GetTrigger(key))?.NextFireTimeUtc);
        Assert.Equal(0, result.Added + result.Removed);

        catalog.SetSource("file", new CatalogLoadResult([], []));
        await sync.SyncAsync(scheduler, CancellationToken.None);
        Assert.Null(await scheduler.GetTrigger(key));
        Assert.Empty((await scheduler.QueryTriggers(new TriggerQuery { Group = GroupMatcher<TriggerKey>.GroupEquals(ReminderScheduleSync.Group) })).Items);
        await host.StopAsync();
    }

    [Fact]
    public async Task Reminders_missed_while_down_are_sent_once_on_start_collapsed_into_the_latest()
    {
        // First run on the persistent SQLite store: the triggers are stored.
        using (var messenger = new RecordingMessenger())
        using (var host = SchedulingHost.Build(_root.FullName, Settings(), messenger, _time, q => q.UseTimeProvider(_time)))
        {
            await host.StartAsync();
            await SubscribeConsoleAsync(host);
            var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            Assert.Equal(3, (await scheduler.QueryTriggers(new TriggerQuery { Group = GroupMatcher<TriggerKey>.GroupEquals(ReminderScheduleSync.Group) })).Items.Count);
            await host.StopAsync();
        }

        // Down for ten days: the 7-day and 1-day reminders are missed; 2 hours are left.
        _time.Advance(EventStart - TimeSpan.FromHours(2) - _time.GetUtcNow());

        using var second = new RecordingMessenger();
        using var restarted = SchedulingHost.Build(_root.FullName, Settings(), second, _time, q => q.UseTimeProvider(_time));
        await restarted.StartAsync();
        await PumpUntilAsync(() => second.Sent.Count >= 1, TimeSpan.FromMinutes(2));
        Assert.StartsWith("Nog 2 uur tot Protest in Amsterdam", second.Sent[0].Text, StringComparison.Ordinal);
        var rows = await restarted.Services.GetRequiredService<OutboxStore>().ListAsync(CancellationToken.None);
        var row = Assert.Single(rows);
        Assert.Contains(":offset-1d:", row.Key, StringComparison.Ordinal);

        // The 1-hour reminder still comes, once.
        await AdvanceToAsync(EventStart - TimeSpan.FromHours(1));
        await PumpUntilAsync(() => second.Sent.Count >= 2);
        Assert.StartsWith("Nog 1 uur tot", second.Sent[1].Text, StringComparison.Ordinal);
        await restarted.StopAsync();
        Assert.Equal(2, second.Sent.Count);
    }
}
