using Bot.Core.Commands;
using Bot.Core.Events;
using Bot.Core.Moderation;
using Bot.Core.Replies;
using Bot.Core.Scheduling;
using Bot.Core.Storage;
using Bot.Tests.Scheduling;
using Bot.Tests.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Quartz;
using Xunit;

namespace Bot.Tests.Moderation;

/// <summary><c>/event</c> edits: stored, layered over events.yaml, reminders rescheduled at once, kept across a restart.</summary>
public sealed class EventEditTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 20, 11, 0, 0, TimeSpan.Zero));
    private readonly TempSqlite _temp = new();
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("bot-root-");

    public EventEditTests()
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

    private IHost Build(RecordingMessenger messenger)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = _root.FullName,
            EnvironmentName = "Test",
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Scheduler:InMemory"] = "true",
            ["Storage:ConnectionString"] = _temp.ConnectionString,
            ["Events:File"] = "events.yaml",
            ["Events:Watch"] = "false",
        });
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.AddScheduling(q => q.UseTimeProvider(_time));
        builder.AddModeration();
        builder.Services.AddSingleton<Bot.Core.Delivery.IMessenger>(messenger);
        return builder.Build();
    }

    private static ValueTask<Reply> EditAsync(IHost host, string arguments) =>
        host.Services.GetServices<ICommandHandler>().Single(h => h.Descriptor.Name == "event").HandleAsync(
            new CommandRequest("event", arguments, new UserRef("42", "mod"), new ChatAddress(Platform.Discord, "9000", ChatKind.Group), "en", IsModerator: true),
            CancellationToken.None);

    private static async Task<DateTimeOffset?> WaitForTriggerAsync(IScheduler scheduler, string key, Func<DateTimeOffset?, bool> until)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var next = (await scheduler.GetTrigger(new TriggerKey(key, ReminderScheduleSync.Group), timeout.Token))?.NextFireTimeUtc;
            if (until(next))
            {
                return next;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System, timeout.Token);
        }
    }

    private static string Text(Reply reply) => Bot.Core.Delivery.ConsoleMessenger.ToPlainText(reply);

    [Fact]
    public async Task Edits_reschedule_reminders_at_once_and_survive_a_restart()
    {
        using var messenger = new RecordingMessenger();
        using (var host = Build(messenger))
        {
            await host.StartAsync();
            var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            Assert.Equal(new DateTimeOffset(2025, 3, 24, 9, 0, 0, TimeSpan.Zero), await WaitForTriggerAsync(scheduler, "amsterdam-protest|offset-7d", t => t is not null));

            var moved = await EditAsync(host, "wijzigen amsterdam-protest start: 2025-04-02 10:00; eind: 2025-04-02 12:00");
            var added = await EditAsync(host, "toevoegen utrecht-2025 titel: Protest in Utrecht; start: 2025-04-10 14:00; plaats: Neude; soort: protest");
            var bad = await EditAsync(host, "toevoegen kapot start: gisteren");
            var twice = await EditAsync(host, "toevoegen utrecht-2025 titel: x; start: 2025-04-10 14:00");

            Assert.False(moved.IsError, Text(moved));
            Assert.Contains("Wednesday 2 April 2025, 10:00", Text(moved), StringComparison.Ordinal);
            Assert.False(added.IsError, Text(added));
            Assert.True(bad.IsError);
            Assert.True(twice.IsError);
            Assert.Equal(new DateTimeOffset(2025, 3, 26, 9, 0, 0, TimeSpan.Zero),
                await WaitForTriggerAsync(scheduler, "amsterdam-protest|offset-7d", t => t != new DateTimeOffset(2025, 3, 24, 9, 0, 0, TimeSpan.Zero)));
            Assert.Equal(new DateTimeOffset(2025, 4, 3, 12, 0, 0, TimeSpan.Zero), await WaitForTriggerAsync(scheduler, "utrecht-2025|offset-7d", t => t is not null));
            var catalog = host.Services.GetRequiredService<EventCatalog>();
            Assert.Equal("Neude", catalog.All.Single(e => e.Id == "utrecht-2025").Location);
            Assert.Equal("Dam", catalog.All.Single(e => e.Id == "amsterdam-protest").Location);

            var deleted = await EditAsync(host, "verwijderen amsterdam-protest");
            Assert.False(deleted.IsError, Text(deleted));
            Assert.Null(await WaitForTriggerAsync(scheduler, "amsterdam-protest|offset-7d", t => t is null));
            await host.StopAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        using (var again = Build(messenger))
        {
            await again.StartAsync();
            var catalog = again.Services.GetRequiredService<EventCatalog>();
            Assert.Equal(["utrecht-2025"], catalog.All.Select(e => e.Id));
            var scheduler = await again.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            Assert.NotNull(await WaitForTriggerAsync(scheduler, "utrecht-2025|offset-7d", t => t is not null));

            var database = again.Services.GetRequiredService<BotDatabase>();
            await using var connection = await database.OpenAsync(CancellationToken.None);
            Assert.Equal(2L, await BotDatabase.ScalarAsync(connection, null, "SELECT COUNT(*) FROM bot_audit WHERE action = 'event.edit' AND actor = 'Discord:42'", CancellationToken.None));
            Assert.Equal(1L, await BotDatabase.ScalarAsync(connection, null, "SELECT COUNT(*) FROM bot_audit WHERE action = 'event.delete' AND detail = 'amsterdam-protest in Discord:9000'", CancellationToken.None));
            await again.StopAsync();
        }
    }
}
