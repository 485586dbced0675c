using Bot.Core;
using Bot.Core.Commands;
using Bot.Core.Delivery;
using Bot.Core.Kernel;
using Bot.Core.Replies.PlainText;
using Bot.Core.Scheduling;
using Bot.Host;
using Bot.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Xunit;

namespace Bot.Tests.Scheduling;

/// <summary>AddBotCore (which adds scheduling), as the host composes it.</summary>
public sealed class SchedulingWiringTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("bot-wiring-");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _root.Delete(recursive: true);
    }

    private IHost Build(Dictionary<string, string?>? extra = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = _root.FullName,
            EnvironmentName = "Test",
            DisableDefaults = true,
        });
        var settings = new Dictionary<string, string?> { ["Content:Path"] = TestPaths.Content };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddBotCore();
        builder.Services.AddSingleton<IMessenger>(new ConsoleMessenger(TextWriter.Null));
        return builder.Build();
    }

    [Fact]
    public async Task The_bot_starts_with_sqlite_in_the_working_folder_and_answers_the_new_commands()
    {
        using var host = Build();
        await host.StartAsync();
        Assert.True(File.Exists(Path.Combine(_root.FullName, "bot.db")));

        var router = host.Services.GetRequiredService<CommandRouter>();
        var console = new CommandRequest("abonneer", "alles", new UserRef("me", "me"), ConsolePlatform.Chat, "nl");
        var reply = await router.RouteAsync(console, CancellationToken.None);
        Assert.False(reply.IsError, PlainTextReplyFormatter.Format(reply));
        var events = await router.RouteAsync(console with { Command = "events", Arguments = string.Empty }, CancellationToken.None);
        Assert.Contains("India AI Impact Summit", PlainTextReplyFormatter.Format(events), StringComparison.Ordinal);

        // A second process on the same file refuses to start, with the reason.
        using var second = Build();
        var error = await Assert.ThrowsAsync<Bot.Core.Hosting.BotStartupException>(() => second.StartAsync());
        Assert.Contains("Another bot process is already using the SQLite database", error.Message, StringComparison.Ordinal);
        await host.StopAsync();
    }

    [Fact]
    public async Task The_events_cli_works_on_a_built_host_that_was_not_started()
    {
        using var host = Build();
        var cli = host.Services.GetRequiredService<EventsCli>();
        using var schedule = new StringWriter();
        using var ics = new StringWriter();

        Assert.Equal(0, await cli.PrintScheduleAsync(schedule, CancellationToken.None));
        await cli.WriteIcsAsync(ics, Bot.Core.Kernel.UiLanguage.En, CancellationToken.None);

        Assert.Contains("0 subscribed chats.", schedule.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("BEGIN:VCALENDAR", ics.ToString(), StringComparison.Ordinal);
        Assert.Contains("UID:india-2026@pauseai-bot", ics.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_root.FullName, "bot.db.lock")));
    }

    [Fact]
    public async Task Bad_settings_are_reported_by_name()
    {
        using var host = Build(new()
        {
            ["Reminders:Offsets:0"] = "7 days",
            ["Reminders:DailyCountdownTime"] = "9am",
            ["Delivery:MaxAttempts"] = "0",
            ["Events:PastEventsShown"] = "-1",
            ["Scheduler:InstanceName"] = " ",
        });

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        var failures = error is AggregateException many
            ? many.InnerExceptions.OfType<OptionsValidationException>().SelectMany(e => e.Failures)
            : ((OptionsValidationException)error).Failures;
        var all = string.Join("\n", failures);
        Assert.Contains("Reminders:Offsets:0", all, StringComparison.Ordinal);
        Assert.Contains("Reminders:DailyCountdownTime", all, StringComparison.Ordinal);
        Assert.Contains("Delivery:MaxAttempts", all, StringComparison.Ordinal);
        Assert.Contains("Events:PastEventsShown", all, StringComparison.Ordinal);
        Assert.Contains("Scheduler:InstanceName", all, StringComparison.Ordinal);
    }
}
