using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Bot.Core.Events;
using Bot.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Xunit;

namespace Bot.Tests.Host;

/// <summary>
/// Every setting, storage and content mistake gives one line per problem and exit code 1, never a
/// stack trace; and every verb sees the same migrated database and event catalog.
/// </summary>
[Collection(nameof(ProgramTests))]
public sealed class StartupProblemTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("bot-startup-");

    private string Database => $"--Storage:ConnectionString=Data Source={Path.Combine(_temp.FullName, "bot.db")}";

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _temp.Delete(recursive: true);
    }

    [Fact]
    public async Task An_unknown_storage_provider_lists_the_valid_ones() =>
        await AssertOneLineAsync(["ask", "/help", "--Storage:Provider=Mongo"], "Storage:Provider must be Sqlite or Postgres (was 'Mongo').");

    [Fact]
    public async Task A_postgres_server_that_refuses_connections_is_named()
    {
        var port = FreeLoopbackPort();
        await AssertOneLineAsync(
            ["ask", "/help", "--Storage:Provider=Postgres", $"--Storage:ConnectionString=Host=127.0.0.1;Port={port};Username=bot;Password=secret;Database=bot"],
            $"Storage:ConnectionString: cannot connect to the PostgreSQL server 127.0.0.1:{port}");
    }

    [Fact]
    public async Task A_postgres_server_that_never_answers_is_named_within_ten_seconds()
    {
        // Accepted by the kernel's backlog, but never read or answered.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var clock = Stopwatch.StartNew();

        var error = await AssertOneLineAsync(
            ["ask", "/help", "--Storage:Provider=Postgres", $"--Storage:ConnectionString=Host=127.0.0.1;Port={port};Username=bot;Password=secret;Database=bot"],
            $"PostgreSQL server 127.0.0.1:{port}");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Contains("no answer within 5 s", error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sqlite_path_under_a_file_is_named()
    {
        var file = Path.Combine(_temp.FullName, "plain-file");
        await File.WriteAllTextAsync(file, "x");
        await AssertOneLineAsync(["ask", "/abonneer", $"--Storage:ConnectionString=Data Source={file}/bot.db"], $"{file} is a file, not a folder");
    }

    [SkippableFact]
    public async Task A_sqlite_folder_that_is_not_writable_is_not_mistaken_for_another_process()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "uses /proc, where nobody (not even root) creates files");
        var error = await AssertOneLineAsync(["ask", "/abonneer", "--Storage:ConnectionString=Data Source=/proc/bot.db"], "the folder /proc of the SQLite database /proc/bot.db is not writable");
        Assert.DoesNotContain("Another bot process", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_connection_string_is_named() =>
        await AssertOneLineAsync(["ask", "/help", "--Storage:ConnectionString=Data Source=x;Bogus"], "Storage:ConnectionString is not a valid SQLite connection string");

    [Fact]
    public async Task A_content_folder_or_events_file_that_does_not_exist_is_named()
    {
        var missing = Path.Combine(_temp.FullName, "missing");
        await AssertOneLineAsync(["ask", "/help", Database, $"--Content:Path={missing}"], $"Content:Path: the content folder {missing} does not exist.");
        await AssertOneLineAsync(["ask", "/help", Database, $"--Events:File={missing}.yaml"], $"Events:File: the events file {missing}.yaml does not exist.");
    }

    [Fact]
    public async Task Four_bad_settings_give_four_lines()
    {
        var missing = Path.Combine(_temp.FullName, "missing");
        var (code, output, error) = await ProgramTests.RunAsync(
            ["ask", "/help", "--Storage:Provider=Mongo", "--Content:DefaultLanguage=de", $"--Content:Path={missing}", $"--Events:File={missing}.yaml"]);

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, output);
        var lines = Lines(error);
        Assert.Equal(4, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("Storage:Provider", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Content:DefaultLanguage", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Content:Path", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Events:File", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_names_the_setting_and_what_it_expects()
    {
        var (code, output, error) = await ProgramTests.RunAsync(["ask", "/help", "--Scheduler:ClusterCheckinInterval=abc"]);

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, output);
        Assert.Equal("Scheduler:ClusterCheckinInterval: 'abc' is not valid; expected a duration as hh:mm:ss, such as 00:00:05.", Assert.Single(Lines(error)));
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_checked_with_the_other_settings_reads_the_same()
    {
        var (code, _, error) = await ProgramTests.RunAsync(["ask", "/help", "--Delivery:PollInterval=abc"]);

        Assert.Equal(1, code);
        Assert.Equal("Delivery:PollInterval: 'abc' is not valid; expected a duration as hh:mm:ss, such as 00:00:05.", Assert.Single(Lines(error)));
    }

    [Fact]
    public async Task A_syntax_error_in_the_events_file_stops_every_verb_with_file_line_and_column()
    {
        var file = await WriteEventsAsync(BrokenYaml);
        string[][] verbs = [["ask", "/events"], ["events"], ["events", "ics"], []];
        foreach (var verb in verbs)
        {
            await AssertOneLineAsync([.. verb, Database, $"--Events:File={file}"], $"{file}:5:12: not valid YAML");
        }
    }

    [Fact]
    public async Task A_syntax_error_saved_while_the_bot_runs_keeps_the_last_good_catalog_and_logs_one_line()
    {
        var file = await WriteEventsAsync(GoodYaml);
        var logger = new ListLogger<EventCatalogWatcher>();
        var catalog = new EventCatalog(Microsoft.Extensions.Logging.Abstractions.NullLogger<EventCatalog>.Instance, file, fileRequired: true);
        using var watcher = new EventCatalogWatcher(catalog, TimeProvider.System, Options.Create(new EventsOptions()), logger);
        await watcher.StartAsync(CancellationToken.None);
        Assert.Equal("demo-2099", Assert.Single(catalog.All).Id);

        await File.WriteAllTextAsync(file, BrokenYaml);
        var clock = Stopwatch.StartNew();
        while (logger.Entries.IsEmpty && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
        }

        await watcher.StopAsync(CancellationToken.None);
        var (level, message, exception) = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Error, level);
        Assert.StartsWith($"{file}:5:12: not valid YAML", message, StringComparison.Ordinal);
        Assert.Null(exception);
        Assert.Equal("demo-2099", Assert.Single(catalog.All).Id);
    }

    [Fact]
    public async Task With_nothing_planned_events_and_countdown_point_to_the_shipped_calendar_page()
    {
        var file = await WriteEventsAsync(GoodYaml.Replace("2099", "2001", StringComparison.Ordinal));

        var events = await ProgramTests.RunAsync(["ask", "/events", Database, $"--Events:File={file}"]);
        var countdown = await ProgramTests.RunAsync(["ask", "/aftellen", Database, $"--Events:File={file}"]);

        Assert.Equal((0, 0), (events.Code, countdown.Code));
        Assert.StartsWith("Er staan op dit moment geen evenementen gepland. Lokale bijeenkomsten en acties staan op lu.ma (https://lu.ma/PauseAI).", events.Output, StringComparison.Ordinal);
        Assert.Contains("Demo in Den Haag", events.Output, StringComparison.Ordinal); // listed under "Onlangs"
        Assert.Contains("https://lu.ma/PauseAI", countdown.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_migrates_a_fresh_database_and_sees_the_events_file()
    {
        var file = await WriteEventsAsync(GoodYaml);

        var subscribe = await ProgramTests.RunAsync(["ask", "/abonneer", Database, $"--Events:File={file}"]);
        var events = await ProgramTests.RunAsync(["ask", "/events", Database, $"--Events:File={file}"]);
        var countdown = await ProgramTests.RunAsync(["ask", "/aftellen", Database, $"--Events:File={file}"]);

        Assert.Equal((0, string.Empty), (subscribe.Code, subscribe.Error));
        Assert.StartsWith("Geabonneerd", subscribe.Output, StringComparison.Ordinal);
        Assert.Equal(0, events.Code);
        Assert.Contains("Demo in Den Haag", events.Output, StringComparison.Ordinal);
        Assert.Contains("Demo in Den Haag", countdown.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_of_an_error_exits_one()
    {
        var (code, output, error) = await ProgramTests.RunAsync(["ask", "/frobnicate", Database]);

        Assert.Equal(1, code);
        Assert.Contains("/frobnicate", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_and_ics_include_an_event_a_moderator_added()
    {
        var file = await WriteEventsAsync(GoodYaml);
        var added = await ProgramTests.RunAsync(["ask", "/event toevoegen extra-2098 titel: Extra demo; start: 2098-05-01 14:00; plaats: Utrecht", Database, $"--Events:File={file}"]);
        var schedule = await ProgramTests.RunAsync(["events", Database, $"--Events:File={file}"]);
        var calendar = await ProgramTests.RunAsync(["events", "ics", Database, $"--Events:File={file}"]);

        Assert.Equal(0, added.Code);
        Assert.Equal(0, schedule.Code);
        Assert.Contains("extra-2098 (protest): Extra demo", schedule.Output, StringComparison.Ordinal);
        Assert.Contains("demo-2099 (protest)", schedule.Output, StringComparison.Ordinal);
        Assert.Contains("UID:extra-2098@pauseai-bot", calendar.Output, StringComparison.Ordinal);

        // Real time zone data, not an empty VTIMEZONE block.
        var zone = calendar.Output[calendar.Output.IndexOf("BEGIN:VTIMEZONE", StringComparison.Ordinal)..calendar.Output.IndexOf("END:VTIMEZONE", StringComparison.Ordinal)];
        Assert.Contains("TZID:Europe/Amsterdam", zone, StringComparison.Ordinal);
        Assert.Contains("TZOFFSETTO:+0200", zone, StringComparison.Ordinal);
        Assert.Contains("TZOFFSETTO:+0100", zone, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_terminal_chat_answers_in_the_locale_given_on_the_command_line()
    {
        var file = await WriteEventsAsync(GoodYaml);
        var (code, output, _) = await ProgramTests.RunAsync(["--locale", "en", Database, $"--Events:File={file}"], "/events\n");

        Assert.Equal(0, code);
        Assert.Contains("Upcoming", output, StringComparison.Ordinal);
        Assert.Contains("Demo in The Hague", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_real_program_prints_only_the_line_and_exits_one()
    {
        var file = await WriteEventsAsync(BrokenYaml);

        var yaml = await RunProgramAsync(["events", Database, $"--Events:File={file}"]);
        var mongo = await RunProgramAsync(["ask", "/help", "--Storage:Provider=Mongo"]);

        Assert.Equal((1, string.Empty), (yaml.Code, yaml.Output));
        Assert.StartsWith($"{file}:5:12: not valid YAML", Assert.Single(Lines(yaml.Error)), StringComparison.Ordinal);
        Assert.Equal((1, string.Empty), (mongo.Code, mongo.Output));
        Assert.Equal("Storage:Provider must be Sqlite or Postgres (was 'Mongo').", Assert.Single(Lines(mongo.Error)));
    }

    [Fact]
    public async Task A_second_process_on_one_sqlite_file_refuses_with_one_line()
    {
        var lockFile = Path.Combine(_temp.FullName, "bot.db.lock");
        using var first = StartProgram([Database]); // the terminal chat, waiting on its (open) input
        try
        {
            var clock = Stopwatch.StartNew();
            while (!File.Exists(lockFile) && !first.HasExited && clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
            }

            Assert.True(File.Exists(lockFile), "the first process did not take the lock");
            var second = await RunProgramAsync([Database]);

            Assert.Equal((1, string.Empty), (second.Code, second.Output));
            Assert.StartsWith("Another bot process is already using the SQLite database", Assert.Single(Lines(second.Error)), StringComparison.Ordinal);
        }
        finally
        {
            first.StandardInput.Close(); // end of input ends the chat
            if (!first.WaitForExit(20_000))
            {
                first.Kill(entireProcessTree: true);
            }
        }
    }

    private const string GoodYaml = """
        events:
          - id: demo-2099
            kind: protest
            title: { nl: Demo in Den Haag, en: Demo in The Hague }
            start: 2099-06-01T14:00
            end: 2099-06-01T17:00
            timezone: Europe/Amsterdam
            location: Den Haag
        """;

    // Line 5, column 12: the '[' that is never closed.
    private const string BrokenYaml = """
        events:
          - id: demo-2099
            kind: protest
            title: { nl: Demo in Den Haag, en: Demo in The Hague }
            start: [unclosed
            end: 2099-06-01T17:00
            timezone: Europe/Amsterdam
        """;

    private async Task<string> WriteEventsAsync(string yaml)
    {
        var file = Path.Combine(_temp.FullName, "events.yaml");
        await File.WriteAllTextAsync(file, yaml + "\n");
        return file;
    }

    /// <summary>Runs the CLI entry; asserts exit 1, nothing on stdout, one line on stderr containing <paramref name="expected"/>, no stack trace.</summary>
    private static async Task<string> AssertOneLineAsync(string[] args, string expected)
    {
        var (code, output, error) = await ProgramTests.RunAsync(args);

        Assert.True(code == 1, $"exit {code}; stderr: {error}");
        Assert.Equal(string.Empty, output);
        Assert.Contains(expected, Assert.Single(Lines(error)), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        return error;
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port; // closed again: nothing listens there
    }

    /// <summary>The built Bot.Host (copied beside the tests) as a child process, in the repository folder.</summary>
    private static Process StartProgram(string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = TestPaths.RepoRoot,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Bot.Host.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var key in new[] { "Telegram__Token", "Discord__Token", "Storage__Provider", "Storage__ConnectionString" })
        {
            start.Environment.Remove(key);
        }

        return Process.Start(start)!;
    }

    private static async Task<(int Code, string Output, string Error)> RunProgramAsync(string[] args)
    {
        using var process = StartProgram(args);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    private sealed class ListLogger<T> : ILogger<T>
    {
        public System.Collections.Concurrent.ConcurrentQueue<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Enqueue((logLevel, formatter(state, exception), exception));
    }
}
