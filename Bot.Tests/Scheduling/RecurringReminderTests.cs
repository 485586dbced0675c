using Bot.Core.Commands;
using Bot.Core.Delivery;
using Bot.Core.Events;
using Bot.Core.Kernel;
using Bot.Core.Replies.PlainText;
using Bot.Core.Scheduling;
using Bot.Core.Storage;
using Bot.Host;
using Bot.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Quartz;
using Xunit;

namespace Bot.Tests.Scheduling;

/// <summary>
/// A weekly meetup from a loopback feed (RRULE, EXDATE, one occurrence moved, one cancelled) through
/// the whole pipeline on fake time across the October DST change in Amsterdam: /events, events,
/// events ics, and each occurrence's reminders exactly once.
/// </summary>
public sealed class RecurringReminderTests : IAsyncLifetime, IDisposable
{
    // Monday 12 October 2026 14:00 in Amsterdam (CEST); the clocks go back on Sunday 25 October.
    private static readonly DateTimeOffset T0 = new(2026, 10, 12, 12, 0, 0, TimeSpan.Zero);
    private const string Series = "feed-meetup-pauseai.nl";
    private readonly FakeTimeProvider _time = new(T0);
    private readonly TempSqlite _temp = new();
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("bot-root-");
    private LoopbackFeed _feed = null!;

    public async Task InitializeAsync()
    {
        File.WriteAllText(Path.Combine(_root.FullName, "events.yaml"), "events: []\n");
        _feed = await LoopbackFeed.StartAsync(RecurrenceTests.Fixture("weekly-meetup.ics"));
    }

    public async Task DisposeAsync() => await _feed.DisposeAsync();

    public void Dispose()
    {
        _temp.Dispose();
        _root.Delete(recursive: true);
    }

    private Dictionary<string, string?> Settings() => new()
    {
        ["Scheduler:InMemory"] = "true",
        ["Storage:ConnectionString"] = _temp.ConnectionString,
        ["Events:File"] = "events.yaml",
        ["Events:Watch"] = "false",
        ["Events:Feeds:0:Url"] = _feed.Url.AbsoluteUri,
        ["Events:Feeds:0:Kind"] = "Other",
        ["Reminders:Offsets:0"] = "1d",
        ["Reminders:Offsets:1"] = "1h",
        ["Delivery:PollInterval"] = "00:00:01",
    };

    /// <summary>The fake clock forward in steps of at most an hour (see QuartzReminderTests.AdvanceToAsync).</summary>
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

    private async Task PumpUntilAsync(Func<bool> done)
    {
        var end = _time.GetUtcNow() + TimeSpan.FromSeconds(30);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!done())
        {
            Assert.True(_time.GetUtcNow() < end, "nothing arrived within 30 s of fake time");
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System, timeout.Token);
        }
    }

    private static DateTimeOffset Utc(int month, int day, int hour) => new(2026, month, day, hour, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Each_occurrence_gets_its_own_reminders_once_across_dst_a_moved_one_moves_and_a_dropped_one_loses_them()
    {
        using var messenger = new RecordingMessenger();
        using var host = SchedulingHost.Build(_root.FullName, Settings(), messenger, _time, q => q.UseTimeProvider(_time));
        await host.StartAsync();
        await host.Services.GetRequiredService<SubscriptionStore>().UpsertAsync(new Subscription(ConsolePlatform.Chat, SubscriptionTopics.All, UiLanguage.Nl), "test", CancellationToken.None);
        var catalog = host.Services.GetRequiredService<EventCatalog>();
        for (var i = 0; i < 1000 && catalog.All.Length == 0; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System); // the feed service's first poll, in real time
        }


        // /events: the next occurrences (three per series), not the first of the series; 27 October is an EXDATE.
        var events = host.Services.GetServices<ICommandHandler>().OfType<EventsHandler>().Single();
        var request = new CommandRequest("events", string.Empty, new UserRef("1", "Ann"), ConsolePlatform.Chat, "nl");
        var listed = PlainTextReplyFormatter.Format(await events.HandleAsync(request, CancellationToken.None));
        Assert.Contains("PauseAI meetup Utrecht (https://pauseai.nl/meetup) — 13 oktober 2026, 19:00 ", listed, StringComparison.Ordinal);
        Assert.Contains("(over 1 dag) · Utrecht Centraal", listed, StringComparison.Ordinal);
        Assert.Contains("PauseAI meetup Utrecht (https://pauseai.nl/meetup) — 20 oktober 2026, 19:00 ", listed, StringComparison.Ordinal);
        Assert.Contains("PauseAI meetup Utrecht (verplaatst naar woensdag) (https://pauseai.nl/meetup) — 4 november 2026, 20:00 ", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("27 oktober", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("17 november", listed, StringComparison.Ordinal); // a fourth occurrence is not listed

        // events (CLI) and events ics show the same occurrences with the same instants.
        var cli = host.Services.GetRequiredService<EventsCli>();
        using var schedule = new StringWriter();
        await cli.PrintScheduleAsync(schedule, CancellationToken.None);
        Assert.Contains($"{Series}@20261103T1800 (other): PauseAI meetup Utrecht (verplaatst naar woensdag)", schedule.ToString(), StringComparison.Ordinal);
        Assert.Contains("  starts 2026-11-04 20:00 Europe/Amsterdam = 2026-11-04 19:00 UTC", schedule.ToString(), StringComparison.Ordinal);
        Assert.Contains("  offset-1d    2026-10-19 19:00 Europe/Amsterdam (2026-10-19 17:00 UTC) -> Console:console", schedule.ToString(), StringComparison.Ordinal);
        using var ics = new StringWriter();
        await cli.WriteIcsAsync(ics, UiLanguage.Nl, CancellationToken.None);
        var calendar = Ical.Net.Calendar.Load(ics.ToString())!;
        Assert.Equal(catalog.All.Select(e => e.Id + "@pauseai-bot").Order(StringComparer.Ordinal), calendar.Events.Select(e => e.Uid!).Order(StringComparer.Ordinal));
        foreach (var item in calendar.Events)
        {
            var e = catalog.All.Single(x => x.Id + "@pauseai-bot" == item.Uid);
            Assert.Equal(e.StartUtc.UtcDateTime, item.DtStart!.AsUtc);
            Assert.Equal(e.EndUtc.UtcDateTime, item.DtEnd!.AsUtc);
        }

        Assert.Empty(Rfc5545Validator.Validate(ics.ToString()));

        // Each reminder at its moment (19:00 / 18:00 local, so 17:00 / 16:00 UTC before the change and
        // 18:00 / 17:00 after), none for 27 October (EXDATE) or 10 November (cancelled), and the moved
        // occurrence reminded a day and an hour before its new time.
        (DateTimeOffset At, string Text)[] expected =
        [
            (Utc(10, 12, 17), "Nog 1 dag tot PauseAI meetup Utrecht"),
            (Utc(10, 13, 16), "Nog 1 uur tot PauseAI meetup Utrecht"),
            (Utc(10, 19, 17), "Nog 1 dag tot PauseAI meetup Utrecht"),
            (Utc(10, 20, 16), "Nog 1 uur tot PauseAI meetup Utrecht"),
            (Utc(10, 23, 12), "Nog 1 dag tot <b>Flyeren</b> in Zwolle"),
            (Utc(10, 24, 11), "Nog 1 uur tot <b>Flyeren</b> in Zwolle"),
            (Utc(11, 3, 19), "Nog 1 dag tot PauseAI meetup Utrecht (verplaatst naar woensdag)"),
            (Utc(11, 4, 18), "Nog 1 uur tot PauseAI meetup Utrecht (verplaatst naar woensdag)"),
        ];
        for (var i = 0; i < expected.Length; i++)
        {
            await AdvanceToAsync(expected[i].At - TimeSpan.FromMinutes(1));
            Assert.Equal(i, messenger.Sent.Count);
            await AdvanceToAsync(expected[i].At);
            await PumpUntilAsync(() => messenger.Sent.Count > i);
            Assert.StartsWith(expected[i].Text, messenger.Sent[i].Text, StringComparison.Ordinal);
        }

        // The feed changes: 24 November moves to Wednesday 25th 19:00, 1 December is dropped (a new EXDATE).
        _feed.Body = RecurrenceTests.Fixture("weekly-meetup.ics")
            .Replace("EXDATE;TZID=Europe/Amsterdam:20261027T190000", "EXDATE;TZID=Europe/Amsterdam:20261027T190000,20261201T190000", StringComparison.Ordinal)
            .Replace("END:VCALENDAR", "BEGIN:VEVENT\r\nUID:meetup@pauseai.nl\r\nDTSTAMP:20261105T120000Z\r\nRECURRENCE-ID;TZID=Europe/Amsterdam:20261124T190000\r\nDTSTART;TZID=Europe/Amsterdam:20261125T190000\r\nDTEND;TZID=Europe/Amsterdam:20261125T210000\r\nSUMMARY:PauseAI meetup Utrecht\r\nEND:VEVENT\r\nEND:VCALENDAR", StringComparison.Ordinal);
        Assert.Equal(1, await host.Services.GetRequiredService<EventFeedPoller>().PollAsync(CancellationToken.None));
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var dropped = new TriggerKey($"{Series}@20261201T1800|offset-1d", ReminderScheduleSync.Group);
        for (var i = 0; i < 200 && await scheduler.GetTrigger(dropped) is not null; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System);
        }

        Assert.Null(await scheduler.GetTrigger(dropped));
        var moved = await scheduler.GetTrigger(new TriggerKey($"{Series}@20261124T1800|offset-1d", ReminderScheduleSync.Group));
        Assert.Equal(Utc(11, 24, 18), moved!.NextFireTimeUtc);
        Assert.NotNull(await scheduler.GetTrigger(new TriggerKey($"{Series}@20261208T1800|offset-1h", ReminderScheduleSync.Group)));

        (DateTimeOffset At, string Text)[] later =
        [
            (Utc(11, 16, 18), "Nog 1 dag tot PauseAI meetup Utrecht"),
            (Utc(11, 17, 17), "Nog 1 uur tot PauseAI meetup Utrecht"),
            (Utc(11, 24, 18), "Nog 1 dag tot PauseAI meetup Utrecht"),
            (Utc(11, 25, 17), "Nog 1 uur tot PauseAI meetup Utrecht"),
            (Utc(12, 7, 18), "Nog 1 dag tot PauseAI meetup Utrecht"),
        ];
        for (var i = 0; i < later.Length; i++)
        {
            var n = expected.Length + i;
            await AdvanceToAsync(later[i].At - TimeSpan.FromMinutes(1));
            Assert.Equal(n, messenger.Sent.Count);
            await AdvanceToAsync(later[i].At);
            await PumpUntilAsync(() => messenger.Sent.Count > n);
            Assert.StartsWith(later[i].Text, messenger.Sent[n].Text, StringComparison.Ordinal);
        }

        await host.StopAsync();
        var rows = await host.Services.GetRequiredService<OutboxStore>().ListAsync(CancellationToken.None);
        Assert.Equal(13, messenger.Sent.Count);
        Assert.Equal(13, rows.Count);
        Assert.All(rows, r => Assert.Equal(OutboxStatus.Sent, r.Status));
        Assert.Equal(
        [
            "reminder:feed-flyer-day-pauseai.nl:offset-1d:Console:console",
            "reminder:feed-flyer-day-pauseai.nl:offset-1h:Console:console",
            $"reminder:{Series}@20261013T1700:offset-1d:Console:console",
            $"reminder:{Series}@20261013T1700:offset-1h:Console:console",
            $"reminder:{Series}@20261020T1700:offset-1d:Console:console",
            $"reminder:{Series}@20261020T1700:offset-1h:Console:console",
            $"reminder:{Series}@20261103T1800:offset-1d:Console:console",
            $"reminder:{Series}@20261103T1800:offset-1h:Console:console",
            $"reminder:{Series}@20261117T1800:offset-1d:Console:console",
            $"reminder:{Series}@20261117T1800:offset-1h:Console:console",
            $"reminder:{Series}@20261124T1800:offset-1d:Console:console",
            $"reminder:{Series}@20261124T1800:offset-1h:Console:console",
            $"reminder:{Series}@20261208T1800:offset-1d:Console:console",
        ], rows.Select(r => r.Key).Order(StringComparer.Ordinal));
    }
}
