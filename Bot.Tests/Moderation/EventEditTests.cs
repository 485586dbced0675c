using Bot.Core;
using Bot.Core.Commands;
using Bot.Core.Events;
using Bot.Core.Kernel;
using Bot.Core.Replies;
using Bot.Core.Scheduling;
using Bot.Core.Storage;
using Bot.Discord;
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
        builder.AddBotCore(q => q.UseTimeProvider(_time));
        builder.Services.AddSingleton<Bot.Core.Delivery.IMessenger>(messenger);
        return builder.Build();
    }

    private static ValueTask<Reply> EditAsync(IHost host, string arguments, string locale = "en") =>
        host.Services.GetServices<ICommandHandler>().Single(h => h.Descriptor.Name == "event").HandleAsync(
            new CommandRequest("event", arguments, new UserRef("42", "mod"), new ChatAddress(DiscordPlatform.Id, "9000", ChatKind.Group), locale),
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

    private static string Text(Reply reply) => Bot.Core.Replies.PlainText.PlainTextReplyFormatter.Format(reply);

    [Theory]
    [InlineData("nl", "toevoegen kapot start: gisteren; soort: feest; tijdzone: Mars/Olympus; link: ftp://x; herinneringen: straks",
        new[] { "soort is top, protest of anders (niet 'feest').", "Een titel ontbreekt", "tijdzone is een tijdzone zoals Europe/Amsterdam (niet 'Mars/Olympus').", "start 'gisteren' kan ik niet lezen", "link is een webadres", "herinneringen zijn bijvoorbeeld 7d" },
        new[] { "must be", "skipped", "kind", "timezone", "is required" })]
    [InlineData("en", "add broken start: yesterday; kind: party; timezone: Mars/Olympus; link: ftp://x; reminders: soon",
        new[] { "kind is summit, protest or other (not 'party').", "A title is missing", "timezone is a time zone such as Europe/Amsterdam (not 'Mars/Olympus').", "I can't read start 'yesterday'", "link is a web address", "reminders look like 7d" },
        new[] { "skipped", "soort", "tijdzone", "ontbreekt" })]
    [InlineData("nl", "toevoegen laat titel: Laat; start: 2025-04-10 14:00; eind: 2025-04-09", new[] { "eind ligt vóór start." }, new[] { "before" })]
    public async Task Event_problems_are_told_in_the_users_language_with_the_fields_they_typed(string locale, string arguments, string[] expected, string[] otherLanguage)
    {
        using var messenger = new RecordingMessenger();
        using var host = Build(messenger);
        await host.StartAsync();

        var reply = await EditAsync(host, arguments, locale);
        var text = Text(reply);

        Assert.True(reply.IsError);
        Assert.All(expected, e => Assert.Contains(e, text, StringComparison.Ordinal));
        Assert.All(otherLanguage, o => Assert.DoesNotContain(o, text, StringComparison.Ordinal));
        await host.StopAsync();
    }

    [Fact]
    public async Task Dutch_dates_and_kinds_are_understood_and_the_answer_is_in_words()
    {
        using var messenger = new RecordingMessenger();
        using var host = Build(messenger);
        await host.StartAsync();

        var reply = await EditAsync(host, "toevoegen den-haag titel: Protest in Den Haag; start: 5-4-2025 13.30; soort: top", "nl");

        Assert.False(reply.IsError, Text(reply));
        Assert.Equal("Event 'den-haag' toegevoegd: Protest in Den Haag, zaterdag 5 april 2025, 13:30 Amsterdamse tijd. De herinneringen zijn opnieuw ingepland.", Text(reply).Trim());
        var added = host.Services.GetRequiredService<EventCatalog>().All.Single(e => e.Id == "den-haag");
        Assert.Equal(EventKind.Summit, added.Kind);
        Assert.Equal(new DateTime(2025, 4, 5, 13, 30, 0, DateTimeKind.Unspecified), added.StartLocal);
        await host.StopAsync();
    }

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
