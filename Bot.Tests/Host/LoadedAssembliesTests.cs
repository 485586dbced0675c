using Bot.Tests.Crash;
using Xunit;

namespace Bot.Tests.Host;

/// <summary>
/// What the running host maps: the terminal chat (no platform token, no web URL) loads none of the web host, the
/// PostgreSQL driver, the platform adapters, the exporters or the HTTP client, and no ICU library. Read from <c>/proc/&lt;pid&gt;/maps</c> of the real
/// Bot.Host after it answered its first question; no timing.
/// </summary>
public sealed class LoadedAssembliesTests
{
    private static readonly string[] NotInTheTerminalChat =
    [
        "Microsoft.AspNetCore", // the web host, Kestrel, routing
        "Microsoft.Extensions.Diagnostics.HealthChecks.dll", // the checks themselves (Quartz loads only the abstractions)
        "OpenTelemetry",
        "Npgsql",
        "Lucene", // our own analyzers (Content/Text) index the content; Lucene is the tests' oracle only
        "J2N",
        "Telegram.Bot",
        "Bot.Telegram",
        "Bot.Discord",
        "System.Net.Http.dll", // the feed and image clients are made with their first fetch
    ];

    [Fact]
    public async Task The_terminal_chat_loads_no_web_host_postgres_platform_exporter_or_icu()
    {
        var database = Path.Combine(Path.GetTempPath(), $"bot-test-{Guid.NewGuid():N}.db");
        using var bot = BotProcess.Start(new Dictionary<string, string> { ["Storage__ConnectionString"] = "Data Source=" + database });
        await bot.Input.WriteLineAsync("/summit seoul");
        await bot.Input.FlushAsync();
        for (var waited = TimeSpan.Zero; !bot.Output.Contains("## 2024 Zuid-Korea", StringComparison.Ordinal); waited += TimeSpan.FromMilliseconds(50))
        {
            Assert.False(bot.HasExited, "Bot.Host ended: " + bot.Output);
            Assert.True(waited < TimeSpan.FromSeconds(60), "no answer within 60 s: " + bot.Output);
            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
        }

        var mapped = (await File.ReadAllLinesAsync($"/proc/{bot.Id}/maps"))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length > 5)
            .Select(fields => Path.GetFileName(fields[5]))
            .Distinct()
            .ToList();
        var loaded = mapped.Where(file => file.EndsWith(".dll", StringComparison.Ordinal)).ToList();

        Assert.Contains("Bot.Core.dll", loaded); // the list is read at all
        Assert.Contains(mapped, file => file.StartsWith("libcoreclr", StringComparison.Ordinal)); // and the native libraries in it
        Assert.DoesNotContain(loaded, file => NotInTheTerminalChat.Any(prefix => file.StartsWith(prefix, StringComparison.Ordinal)));
        Assert.DoesNotContain(mapped, file => file.StartsWith("libicu", StringComparison.Ordinal)); // invariant globalization: UiCultures has the dates
        bot.Input.Close();
        Assert.True(await bot.WaitForExitAsync(TimeSpan.FromSeconds(30)), "did not end at the end of input: " + bot.Output);
        File.Delete(database);
    }
}
