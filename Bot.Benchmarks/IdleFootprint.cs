using System.Diagnostics;
using System.Globalization;
using Bot.Testing;
using Bot.Testing.BotApi;
using Bot.Testing.Broadcast;

namespace Bot.Benchmarks;

/// <summary>
/// The real Bot.Host at rest, measured as an operator would: start the process (the Release build beside this
/// checkout), ask one question at once and time the answer (start-up to the first answer), let it idle, then read
/// <c>/proc/&lt;pid&gt;/status</c> (VmRSS and its anonymous, file and shared parts). Two modes: the terminal chat,
/// and polling a loopback Telegram Bot API. Not a timed unit test: the numbers depend on the machine.
/// </summary>
internal static class IdleFootprint
{
    private const string Question = "/summit seoul";

    public static async Task<int> RunAsync(TimeSpan idle, IReadOnlyDictionary<string, string> environment)
    {
        var dll = Path.Combine(RepositoryPaths.Root, "Bot.Host", "bin", "Release", "net10.0", "Bot.Host.dll");
        if (!File.Exists(dll))
        {
            await Console.Error.WriteLineAsync($"{dll} is missing: build it first with dotnet build -c Release Bot.Host");
            return 1;
        }

        var console = await MeasureConsoleAsync(dll, idle, environment);
        Console.WriteLine(console);
        var polling = await MeasurePollingAsync(dll, idle, environment);
        Console.WriteLine(polling);
        var ok = console.RssMb < 80 && polling.RssMb < 100 && console.FirstAnswer < TimeSpan.FromSeconds(1) && polling.FirstAnswer < TimeSpan.FromSeconds(1);
        Console.WriteLine(ok ? "PASS (console < 80 MB, polling < 100 MB, first answer < 1 s)" : "FAIL (targets: console < 80 MB, polling < 100 MB, first answer < 1 s)");
        return ok ? 0 : 1;
    }

    private static async Task<Footprint> MeasureConsoleAsync(string dll, TimeSpan idle, IReadOnlyDictionary<string, string> environment)
    {
        var database = Path.Combine(Path.GetTempPath(), $"bot-rss-{Guid.NewGuid():N}.db");
        using var process = Start(dll, environment, new Dictionary<string, string> { ["Storage__ConnectionString"] = "Data Source=" + database });
        var started = Stopwatch.StartNew();
        await process.StandardInput.WriteLineAsync(Question);
        await process.StandardInput.FlushAsync();
        while (await process.StandardOutput.ReadLineAsync() is { } line && !line.StartsWith("## ", StringComparison.Ordinal))
        {
        }

        var firstAnswer = started.Elapsed;
        _ = process.StandardOutput.ReadToEndAsync();
        var footprint = await IdleAsync("terminal chat", process, idle, firstAnswer);
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        File.Delete(database);
        return footprint;
    }

    private static async Task<Footprint> MeasurePollingAsync(string dll, TimeSpan idle, IReadOnlyDictionary<string, string> environment)
    {
        await using var telegram = await LimitedPlatformFake.StartAsync(new FakePlatformLimits());
        var database = Path.Combine(Path.GetTempPath(), $"bot-rss-{Guid.NewGuid():N}.db");
        using var process = Start(dll, environment, new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = "Data Source=" + database,
            ["Telegram__Token"] = "123456789:AAHrss-benchmark_token0123456789abc",
            ["Telegram__ApiBaseUrl"] = telegram.BaseUrl.ToString().TrimEnd('/'),
        });
        var started = Stopwatch.StartNew();
        telegram.Updates.Push(TelegramUpdates.Message(Question));
        _ = process.StandardOutput.ReadToEndAsync();
        while (telegram.TelegramSends.Count == 0 && started.Elapsed < TimeSpan.FromSeconds(30) && !process.HasExited)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System);
        }

        var footprint = await IdleAsync("polling Telegram", process, idle, started.Elapsed);
        process.Kill();
        await process.WaitForExitAsync();
        File.Delete(database);
        return footprint;
    }

    private static Process Start(string dll, IReadOnlyDictionary<string, string> environment, Dictionary<string, string> settings)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var (name, value) in settings.Concat(environment))
        {
            start.Environment[name] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException("Bot.Host did not start");
    }

    private static async Task<Footprint> IdleAsync(string mode, Process process, TimeSpan idle, TimeSpan firstAnswer)
    {
        await Task.Delay(idle, TimeProvider.System);
        if (process.HasExited)
        {
            throw new InvalidOperationException($"Bot.Host ({mode}) exited with {process.ExitCode} before it was measured");
        }

        var status = (await File.ReadAllLinesAsync($"/proc/{process.Id}/status"))
            .Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2 && p[0].StartsWith("Rss", StringComparison.Ordinal) || p[0] == "VmRSS")
            .ToDictionary(p => p[0], p => long.Parse(p[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0);
        return new Footprint(mode, firstAnswer, status.GetValueOrDefault("VmRSS"), status.GetValueOrDefault("RssAnon"), status.GetValueOrDefault("RssFile"), status.GetValueOrDefault("RssShmem"));
    }

    private sealed record Footprint(string Mode, TimeSpan FirstAnswer, double RssMb, double AnonMb, double FileMb, double ShmemMb)
    {
        public override string ToString() => FormattableString.Invariant(
            $"{Mode}: first answer {FirstAnswer.TotalMilliseconds:0} ms after start; idle VmRSS {RssMb:0.0} MB (anon {AnonMb:0.0}, file {FileMb:0.0}, shmem {ShmemMb:0.0})");
    }
}
