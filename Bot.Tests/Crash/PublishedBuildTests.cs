using System.Diagnostics;
using Bot.Tests.Broadcast;
using Bot.Tests.Operations;
using Bot.Tests.Support;
using Xunit;

namespace Bot.Tests.Crash;

/// <summary>
/// The build the operations guide tells an operator to run: self-contained, trimmed and ReadyToRun, published once
/// per test run. Trimming removes what it cannot see being used, so the operator's end-to-end checks run again
/// against it (inherited from <see cref="OperationsEndToEndTests"/>: polling Telegram, <c>/metrics</c>, <c>/readyz</c>
/// on SQLite and PostgreSQL, no secret in the logs), and so does the terminal chat.
/// </summary>
[Collection(RealTimeLoad.Name)]
public sealed class PublishedBuildTests : OperationsEndToEndTests
{
    protected override string? Program => PublishedHost.Program.Value;

    [Fact]
    public async Task The_terminal_chat_of_the_published_build_answers_searches_and_lists_events()
    {
        var database = Path.Combine(Path.GetTempPath(), $"bot-test-{Guid.NewGuid():N}.db");
        using var bot = BotProcess.Start(new Dictionary<string, string> { ["Storage__ConnectionString"] = "Data Source=" + database }, Program);
        foreach (var question in (string[])["/summit seoul", "/zoek verdragen", "/events"])
        {
            await bot.Input.WriteLineAsync(question);
        }

        await bot.Input.FlushAsync();
        bot.Input.Close();
        Assert.True(await bot.WaitForExitAsync(TimeSpan.FromSeconds(60)), "did not end at the end of input: " + bot.Output);
        Assert.Equal(0, bot.ExitCode);
        Assert.Contains("## 2024 Zuid-Korea", bot.Output, StringComparison.Ordinal);
        Assert.Contains("verdrag", bot.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("lu.ma", bot.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", bot.Output, StringComparison.Ordinal);
        File.Delete(database);
    }

    /// <summary>Published once, into a folder removed when the test process ends.</summary>
    private static class PublishedHost
    {
        public static readonly Lazy<string> Program = new(Publish, LazyThreadSafetyMode.ExecutionAndPublication);

        private static string Publish()
        {
            var folder = Directory.CreateTempSubdirectory("bot-published-").FullName;
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                WorkingDirectory = TestPaths.RepoRoot,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in (string[])["publish", "Bot.Host", "-c", "Release", "-r", "linux-x64", "--self-contained", "-o", folder])
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet publish did not start");
            var errors = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"dotnet publish failed ({process.ExitCode}):\n{output}\n{errors.Result}");
            }

            return Path.Combine(folder, "Bot.Host");
        }
    }
}
