using System.Diagnostics;
using Bot.Tests.Support;
using Xunit;

namespace Bot.Tests.Operations;

/// <summary>deploy/pauseai-bot.service: what an operator relies on, and systemd's own verdict on it.</summary>
public sealed class ServiceUnitTests
{
    private const string Analyzer = "/usr/bin/systemd-analyze";
    private const string ExecStart = "/opt/pauseai-bot/Bot.Host";

    private static string Unit => File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "deploy", "pauseai-bot.service"));

    [Fact]
    public void The_unit_runs_as_a_system_user_restarts_on_failure_keeps_its_state_and_reads_tokens_from_a_file()
    {
        var (settings, environment) = Settings(Unit);

        Assert.Equal("pauseai-bot", settings["User"]);
        Assert.Equal("on-failure", settings["Restart"]);
        Assert.Equal("pauseai-bot", settings["StateDirectory"]);
        Assert.StartsWith("Storage__ConnectionString=Data\\x20Source=/var/lib/pauseai-bot/", environment.Single(e => e.StartsWith("Storage__", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal("/etc/pauseai-bot/env", settings["EnvironmentFile"]);
        Assert.Equal(ExecStart, settings["ExecStart"]);
        Assert.DoesNotContain(environment, e => e.Contains("Token", StringComparison.OrdinalIgnoreCase) || e.Contains("Secret", StringComparison.OrdinalIgnoreCase));

        // The host's own shutdown (records the sends in flight) ends before systemd kills it.
        var shutdown = int.Parse(environment.Single(e => e.StartsWith("DOTNET_shutdownTimeoutSeconds=", StringComparison.Ordinal)).Split('=')[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(shutdown < int.Parse(settings["TimeoutStopSec"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [SkippableFact]
    public async Task Systemd_verifies_the_unit_without_a_warning()
    {
        Skip.IfNot(File.Exists(Analyzer), $"{Analyzer} is not installed (apt-get install systemd): the unit is not verified here");
        var folder = Directory.CreateTempSubdirectory("bot-unit-");
        try
        {
            // The binary as the install puts it, here: verify checks that ExecStart is an executable.
            var binary = Path.Combine(folder.FullName, "Bot.Host");
            await File.WriteAllTextAsync(binary, "#!/bin/sh\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(binary, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);
            }

            var unit = Path.Combine(folder.FullName, "pauseai-bot.service");
            await File.WriteAllTextAsync(unit, Unit.Replace("ExecStart=" + ExecStart, "ExecStart=" + binary, StringComparison.Ordinal));

            var start = new ProcessStartInfo(Analyzer) { RedirectStandardError = true, RedirectStandardOutput = true };
            start.ArgumentList.Add("verify");
            start.ArgumentList.Add(unit);
            using var process = Process.Start(start)!;
            var errors = await process.StandardError.ReadToEndAsync();
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();

            // verify exits 0 for an unknown key or a bad value, and says so on stderr: both must be clean.
            Assert.True(process.ExitCode == 0 && errors.Length == 0, $"exit {process.ExitCode}: {errors}{output}");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The unit's settings (the last of a key), and its Environment= lines in order.</summary>
    private static (Dictionary<string, string> Keys, List<string> Environment) Settings(string unit)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        var environment = new List<string>();
        foreach (var line in unit.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith('[')))
        {
            var (key, value) = (line[..line.IndexOf('=', StringComparison.Ordinal)], line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            if (key == "Environment")
            {
                environment.Add(value);
            }
            else
            {
                settings[key] = value;
            }
        }

        return (settings, environment);
    }
}
