using System.Diagnostics;
using System.Globalization;
using Bot.Testing;
using Bot.Testing.BotApi;
using Bot.Testing.Broadcast;

namespace Bot.Benchmarks;

/// <summary>
/// The real Bot.Host at rest, measured as an operator would: start the process, ask one question at once and time
/// the answer (start-up to the first answer), let it idle, then read <c>/proc/&lt;pid&gt;/status</c> (VmRSS and its
/// anonymous, file and shared parts). Two modes: the terminal chat, and polling a loopback Telegram Bot API. Each
/// build is measured <c>runs</c> times per mode and the median reported. The builds: the Release build beside this
/// checkout (<c>dotnet Bot.Host.dll</c>) and, with <c>--published</c>, the published self-contained build (trimmed,
/// ReadyToRun; published once into a temporary folder, then started as <c>./Bot.Host</c>). Not a timed unit test: the
/// numbers depend on the machine.
/// </summary>
internal static class IdleFootprint
{
    private const string Question = "/summit seoul";

    public static async Task<int> RunAsync(FootprintSettings settings)
    {
        var builds = new List<HostBuild>();
        var dll = Path.Combine(RepositoryPaths.Root, "Bot.Host", "bin", "Release", "net10.0", "Bot.Host.dll");
        if (settings.MeasureBuild)
        {
            if (!File.Exists(dll))
            {
                await Console.Error.WriteLineAsync($"{dll} is missing: build it first with dotnet build -c Release Bot.Host");
                return 1;
            }

            builds.Add(new HostBuild("dotnet Bot.Host.dll (Release build)", Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", [dll]));
        }

        string? publishFolder = null;
        if (settings.Published)
        {
            publishFolder = Path.Combine(Path.GetTempPath(), $"bot-rss-publish-{Guid.NewGuid():N}");
            if (!Publish(publishFolder))
            {
                return 1;
            }

            builds.Add(new HostBuild("published (self-contained, trimmed, ReadyToRun)", Path.Combine(publishFolder, "Bot.Host"), []));
        }

        if (settings.HostFolder is { } folder)
        {
            builds.Add(new HostBuild(folder, Path.Combine(folder, "Bot.Host"), []));
        }

        try
        {
            var ok = true;
            foreach (var build in builds)
            {
                var console = new List<Footprint>();
                var polling = new List<Footprint>();
                for (var run = 0; run < settings.Runs; run++)
                {
                    console.Add(await MeasureConsoleAsync(build, settings));
                    polling.Add(await MeasurePollingAsync(build, settings));
                    Console.WriteLine($"  run {run + 1}: {console[^1]}; {polling[^1]}");
                }

                var consoleMedian = Footprint.Median(console);
                var pollingMedian = Footprint.Median(polling);
                Console.WriteLine($"{build.Name}, median of {settings.Runs}:");
                Console.WriteLine("  " + consoleMedian);
                Console.WriteLine("  " + pollingMedian);
                ok &= consoleMedian.RssMb < 80 && pollingMedian.RssMb < 100 && consoleMedian.FirstAnswer < TimeSpan.FromSeconds(1) && pollingMedian.FirstAnswer < TimeSpan.FromSeconds(1);
            }

            Console.WriteLine(ok ? "PASS (console < 80 MB, polling < 100 MB, first answer < 1 s)" : "FAIL (targets: console < 80 MB, polling < 100 MB, first answer < 1 s)");
            return ok ? 0 : 1;
        }
        finally
        {
            if (publishFolder is not null)
            {
                Directory.Delete(publishFolder, recursive: true);
            }
        }
    }

    private static bool Publish(string folder)
    {
        Console.WriteLine($"Publishing Bot.Host to {folder} …");
        try
        {
            HostPublisher.Publish(folder);
            return true;
        }
        catch (InvalidOperationException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return false;
        }
    }

    private static async Task<Footprint> MeasureConsoleAsync(HostBuild build, FootprintSettings settings)
    {
        var database = Path.Combine(Path.GetTempPath(), $"bot-rss-{Guid.NewGuid():N}.db");
        using var process = Start(build, settings.Environment, new Dictionary<string, string> { ["Storage__ConnectionString"] = "Data Source=" + database });
        var started = Stopwatch.StartNew();
        await process.StandardInput.WriteLineAsync(Question);
        await process.StandardInput.FlushAsync();
        while (await process.StandardOutput.ReadLineAsync() is { } line && !line.StartsWith("## ", StringComparison.Ordinal))
        {
        }

        var firstAnswer = started.Elapsed;
        _ = process.StandardOutput.ReadToEndAsync();
        var footprint = await IdleAsync("terminal chat", process, settings.Idle, firstAnswer);
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        DeleteDatabase(database);
        return footprint;
    }

    private static async Task<Footprint> MeasurePollingAsync(HostBuild build, FootprintSettings settings)
    {
        await using var telegram = await LimitedPlatformFake.StartAsync(new FakePlatformLimits());
        var database = Path.Combine(Path.GetTempPath(), $"bot-rss-{Guid.NewGuid():N}.db");
        using var process = Start(build, settings.Environment, new Dictionary<string, string>
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

        var footprint = await IdleAsync("polling Telegram", process, settings.Idle, started.Elapsed);
        process.Kill();
        await process.WaitForExitAsync();
        DeleteDatabase(database);
        return footprint;
    }

    private static void DeleteDatabase(string database)
    {
        foreach (var file in (string[])[database, database + "-wal", database + "-shm"])
        {
            File.Delete(file);
        }
    }

    private static Process Start(HostBuild build, IReadOnlyDictionary<string, string> environment, Dictionary<string, string> settings)
    {
        var start = new ProcessStartInfo(build.Program)
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in build.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in settings.Concat(environment))
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Bot.Host did not start");
        _ = process.StandardError.ReadToEndAsync(); // the host's log: read so it never blocks, not shown
        return process;
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

    /// <summary>A way to start the host: the program and its first arguments.</summary>
    private sealed record HostBuild(string Name, string Program, IReadOnlyList<string> Arguments);

    private sealed record Footprint(string Mode, TimeSpan FirstAnswer, double RssMb, double AnonMb, double FileMb, double ShmemMb)
    {
        /// <summary>The median of each figure on its own (the run with the median RSS may not have the median start-up).</summary>
        public static Footprint Median(IReadOnlyList<Footprint> runs) => new(
            runs[0].Mode,
            TimeSpan.FromTicks(MedianOf(runs.Select(r => (double)r.FirstAnswer.Ticks)) is var ticks ? (long)ticks : 0),
            MedianOf(runs.Select(r => r.RssMb)),
            MedianOf(runs.Select(r => r.AnonMb)),
            MedianOf(runs.Select(r => r.FileMb)),
            MedianOf(runs.Select(r => r.ShmemMb)));

        public override string ToString() => FormattableString.Invariant(
            $"{Mode}: first answer {FirstAnswer.TotalMilliseconds:0} ms after start; idle VmRSS {RssMb:0.0} MB (anon {AnonMb:0.0}, file {FileMb:0.0}, shmem {ShmemMb:0.0})");

        private static double MedianOf(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }
    }
}

/// <summary>
/// What <c>--rss</c> measures: idle seconds, runs per mode, which builds (the Release build, a fresh publish, a folder
/// published before), extra environment for the host.
/// </summary>
internal sealed record FootprintSettings(TimeSpan Idle, int Runs, bool Published, bool MeasureBuild, string? HostFolder, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary><c>[idleSeconds] [--runs N] [--published | --published-only] [--host FOLDER] [NAME=value …]</c>; <c>--host</c> also measures a build published there.</summary>
    public static FootprintSettings Parse(IReadOnlyList<string> args)
    {
        var idle = 30;
        var runs = 3;
        var published = false;
        var publishedOnly = false;
        string? host = null;
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--runs" when i + 1 < args.Count:
                    runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--host" when i + 1 < args.Count:
                    host = Path.GetFullPath(args[++i]);
                    publishedOnly = true;
                    break;
                case "--published":
                    published = true;
                    break;
                case "--published-only":
                    published = publishedOnly = true;
                    break;
                case var setting when setting.Contains('=', StringComparison.Ordinal):
                    var parts = setting.Split('=', 2);
                    environment[parts[0]] = parts[1];
                    break;
                default:
                    idle = int.Parse(args[i], CultureInfo.InvariantCulture);
                    break;
            }
        }

        return new FootprintSettings(TimeSpan.FromSeconds(idle), Math.Max(1, runs), published, !publishedOnly, host, environment);
    }
}
