using Bot.Core.Diagnostics;
using Bot.Tests.Broadcast;
using Bot.Tests.Discord.Support;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Bot.Tests.Crash;

/// <summary>
/// The real Bot.Host, killed (SIGKILL at a fault point) after Discord created a server's scheduled event and before
/// the link to it was committed; started again, it must adopt that event, not make a second one.
/// </summary>
[Collection(RealTimeLoad.Name)]
public sealed class ScheduledEventCrashTests : IDisposable
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(90);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("bot-crash-events-");

    [Theory]
    [InlineData(FaultPoint.ScheduledEventCreated + ":1")]
    [InlineData(FaultPoint.ScheduledEventCreated + ":2")]
    public async Task Killed_between_Discords_answer_and_the_commit_then_restarted_makes_exactly_one_per_event(string fault)
    {
        await using var fake = await FakeDiscord.StartAsync();
        var guild = fake.Guilds.Add("290926798626357999", "PauseAI NL").WithBotRole("r1", 1UL << 33);
        var settings = Settings(fake);

        using (var doomed = BotProcess.Start(new Dictionary<string, string>(settings) { ["BOT_FAULT"] = fault }))
        {
            Assert.True(await doomed.WaitForExitAsync(Budget), doomed.Output);
            Assert.Contains($"fault point {FaultPoint.ScheduledEventCreated} reached", doomed.Output, StringComparison.Ordinal);
        }

        var postsBefore = Posts(fake);
        Assert.Equal(int.Parse(fault.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture), postsBefore);
        using var restarted = BotProcess.Start(settings);
        var deadline = TimeProvider.System.GetUtcNow() + Budget;
        while (guild.Live.Count < 3 && TimeProvider.System.GetUtcNow() < deadline && !restarted.HasExited)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
        }

        // One more pass' worth of time: nothing else may be created.
        await Task.Delay(TimeSpan.FromSeconds(2), TimeProvider.System);
        restarted.Kill();
        Assert.Equal(["Een", "Twee", "Drie"], guild.Live.Select(e => (string)e["name"]!));
        Assert.Equal(3, Posts(fake));
        Assert.Empty(fake.Guilds.SpecProblems);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    private static int Posts(FakeDiscord fake) => fake.Requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/scheduled-events", StringComparison.Ordinal));

    private Dictionary<string, string> Settings(FakeDiscord fake)
    {
        var start = TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddDays(3);
        var events = Path.Combine(_folder.FullName, "events.yaml");
        File.WriteAllText(events, "events:\n" + string.Concat(new[] { "Een", "Twee", "Drie" }.Select((title, i) => $"""
              - id: crash-{i}
                kind: protest
                title:
                  nl: {title}
                  en: {title}
                start: {start.AddDays(i):yyyy-MM-dd}T19:00
                timezone: Europe/Amsterdam
                location: Utrecht

            """)));
        return new Dictionary<string, string>
        {
            ["Storage__Provider"] = "Sqlite",
            ["Storage__ConnectionString"] = $"Data Source={Path.Combine(_folder.FullName, "bot.db")}",
            ["Events__File"] = events,
            ["Logging__LogLevel__Default"] = "Information",
            ["Discord__Token"] = "crash-test-token",
            ["Discord__ApiBaseUrl"] = fake.ApiBase.AbsoluteUri,
            ["Discord__Mode"] = "Http",
            ["Discord__PublicKey"] = new string('a', 64),
            ["Discord__HttpUrls"] = "http://127.0.0.1:0",
            ["Discord__CommandStateFile"] = Path.Combine(_folder.FullName, "discord-commands.json"),
        };
    }
}
