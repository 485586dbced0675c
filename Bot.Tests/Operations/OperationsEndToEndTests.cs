using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Bot.Core.Kernel;
using Bot.Core.Storage;
using Bot.Telegram;
using Bot.Testing.BotApi;
using Bot.Tests.Broadcast;
using Bot.Tests.Crash;
using Bot.Tests.Storage;
using Bot.Tests.Support;
using Bot.Tests.Telegram;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit;

namespace Bot.Tests.Operations;

/// <summary>
/// The operator's view of the real Bot.Host (a child process polling a loopback Telegram Bot API, at Debug level):
/// <c>/metrics</c> counts the answer to a question and the send of a reminder, <c>/readyz</c> follows the
/// database away and back, and nothing it logs names the token or a private chat's words.
/// </summary>
[Collection(RealTimeLoad.Name)]
public partial class OperationsEndToEndTests : IDisposable
{
    private const string PrivateWords = "geheimwoord4711";
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("bot-ops-");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task Metrics_count_an_answer_and_a_reminder_readyz_follows_the_sqlite_file_and_the_logs_keep_secrets()
    {
        var file = Path.Combine(_folder.FullName, "bot.db");
        var connection = $"Data Source={file}";
        await using var telegram = await FakeBotApi.StartAsync(TelegramTestHost.Token);
        await SubscribeAsync(StorageProvider.Sqlite, connection);
        var url = FreeUrl();
        using var bot = BotProcess.Start(Settings(telegram, url, new() { ["Storage__Provider"] = "Sqlite", ["Storage__ConnectionString"] = connection }, TimeSpan.FromDays(3)), Program);

        Assert.Equal(HttpStatusCode.OK, await WaitForStatusAsync(url + "/readyz", HttpStatusCode.OK, bot));
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync(url + "/healthz")).StatusCode);
        var before = await ScrapeAsync(url);
        Assert.Equal(0, Sum(before, "bot_answers_total", "platform=\"Telegram\""));

        // A question in a private chat: answered, and counted.
        telegram.PushUpdate(TelegramUpdates.Message("/zoek " + PrivateWords));
        await telegram.WaitForAsync("sendMessage", where: c => c.ChatId == TelegramUpdates.PrivateUser);
        var answered = await WaitForMetricAsync(url, "bot_answers_total", "platform=\"Telegram\"", bot);
        Assert.True(answered >= 1, answered.ToString(CultureInfo.InvariantCulture));
        Assert.True(Sum(await ScrapeAsync(url), "bot_answer_duration_seconds_count", "platform=\"Telegram\"") >= 1);

        // The reminder falls due (the events file changes; the bot reloads it): sent once, and counted by platform and result.
        WriteEvents(TimeSpan.FromSeconds(5));
        var sent = await WaitForMetricAsync(url, "bot_sends_total", "result=\"Sent\"", bot);
        Assert.Equal(1, sent);
        Assert.Contains("platform=\"Telegram\"", Lines(await ScrapeAsync(url), "bot_sends_total").Single());
        Assert.True(await WaitForMetricAsync(url, "bot_outbox_rows", "status=\"sent\"", bot) >= 1); // the host's own health state, counted every 5 s

        // The database goes away (the file is moved), then comes back.
        var away = file + ".away";
        File.Move(file, away);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await WaitForStatusAsync(url + "/readyz", HttpStatusCode.ServiceUnavailable, bot));
        var unready = await (await _http.GetAsync(url + "/readyz")).Content.ReadAsStringAsync();
        Assert.Contains("\"database\":{\"status\":\"Unhealthy\"", unready, StringComparison.Ordinal);
        File.Move(away, file, overwrite: true);
        Assert.Equal(HttpStatusCode.OK, await WaitForStatusAsync(url + "/readyz", HttpStatusCode.OK, bot));

        bot.Kill();
        await bot.WaitForExitAsync(TimeSpan.FromSeconds(10));
        AssertNoSecrets(bot.Output, unready);
        Assert.Contains("Running: Telegram (polling); storage SQLite", bot.Output, StringComparison.Ordinal);

        // One line per entry: the default console format wraps each message onto an indented second line.
        Assert.DoesNotContain(bot.Output.Split('\n'), l => l.StartsWith("      ", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Readyz_turns_unhealthy_when_the_postgres_database_goes_away_and_healthy_when_it_returns()
    {
        TestPostgres.SkipIfAbsent();
        var connection = await TestPostgres.CreateDatabaseAsync();
        var name = new NpgsqlConnectionStringBuilder(connection).Database!;
        await using var telegram = await FakeBotApi.StartAsync(TelegramTestHost.Token);
        var url = FreeUrl();
        using var bot = BotProcess.Start(Settings(telegram, url, new() { ["Storage__Provider"] = "Postgres", ["Storage__ConnectionString"] = connection }, TimeSpan.FromDays(3)), Program);
        Assert.Equal(HttpStatusCode.OK, await WaitForStatusAsync(url + "/readyz", HttpStatusCode.OK, bot));

        await RenameAsync(name, name + "_away");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await WaitForStatusAsync(url + "/readyz", HttpStatusCode.ServiceUnavailable, bot));
        await RenameAsync(name + "_away", name);
        Assert.Equal(HttpStatusCode.OK, await WaitForStatusAsync(url + "/readyz", HttpStatusCode.OK, bot));
        Assert.False(bot.HasExited, bot.Output);
        AssertNoSecrets(bot.Output, string.Empty);
    }

    /// <summary>The Bot.Host these checks start: null for the build beside the tests.</summary>
    protected virtual string? Program => null;

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _http.Dispose();
            SqliteConnection.ClearAllPools();
            _folder.Delete(recursive: true);
        }
    }

    /// <summary>No token (nor its secret half), no private chat's words, at Debug level; and none in the readiness page.</summary>
    private static void AssertNoSecrets(string output, string readiness)
    {
        var secret = TelegramTestHost.Token.Split(':')[1];
        foreach (var text in new[] { output, readiness })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(PrivateWords, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(TelegramUpdates.PrivateUser.ToString(CultureInfo.InvariantCulture), readiness, StringComparison.Ordinal);
    }

    private static async Task RenameAsync(string from, string to)
    {
        await using var admin = new NpgsqlConnection(TestPostgres.ServerConnectionString);
        await admin.OpenAsync();
        for (var attempt = 0; ; attempt++)
        {
            // The bot reconnects at once: end its sessions and rename before it is back.
            await using var command = admin.CreateCommand();
            command.CommandText = $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{from}' AND pid <> pg_backend_pid(); ALTER DATABASE {from} RENAME TO {to}";
            try
            {
                await command.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == "55006" && attempt < 50)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
            }
        }
    }

    private Dictionary<string, string> Settings(FakeBotApi telegram, string url, Dictionary<string, string> storage, TimeSpan reminderDueIn) =>
        new(storage)
        {
            ["Telegram__Token"] = telegram.Token,
            ["Telegram__ApiBaseUrl"] = telegram.BaseUrl.ToString().TrimEnd('/'),
            ["Events__File"] = WriteEvents(reminderDueIn),
            ["Scheduler__MisfireThreshold"] = "00:00:01",
            ["Operations__Urls"] = url,
            ["Logging__LogLevel__Default"] = "Debug",
        };

    /// <summary>One summit whose 1-hour reminder falls due <paramref name="reminderDueIn"/> from now.</summary>
    private string WriteEvents(TimeSpan reminderDueIn)
    {
        var start = TimeProvider.System.GetUtcNow().UtcDateTime + TimeSpan.FromHours(1) + reminderDueIn;
        var events = Path.Combine(_folder.FullName, "events.yaml");
        File.WriteAllText(events, $"""
            events:
              - id: ops-summit
                kind: summit
                title:
                  nl: Opstop
                  en: Ops summit
                start: {start:yyyy-MM-ddTHH:mm:ss}
                timezone: Etc/UTC
                reminders: [1h]
            """);
        return events;
    }

    private static async Task SubscribeAsync(StorageProvider provider, string connection)
    {
        await using var database = new BotDatabase(provider, connection, TimeProvider.System, NullLogger<BotDatabase>.Instance);
        await database.InitializeAsync(CancellationToken.None);
        var chat = new ChatAddress(TelegramPlatform.Id, TelegramUpdates.PrivateUser.ToString(CultureInfo.InvariantCulture), ChatKind.Private);
        await new SubscriptionStore(database, TimeProvider.System).UpsertAsync(new Subscription(chat, SubscriptionTopics.All, UiLanguage.Nl), "test", CancellationToken.None);
    }

    private static string FreeUrl() => $"http://127.0.0.1:{LoopbackPort.Free()}";

    private async Task<HttpStatusCode> WaitForStatusAsync(string url, HttpStatusCode wanted, BotProcess bot)
    {
        var deadline = TimeProvider.System.GetUtcNow() + Budget;
        HttpStatusCode? last = null;
        while (TimeProvider.System.GetUtcNow() < deadline && !bot.HasExited)
        {
            try
            {
                last = (await _http.GetAsync(url)).StatusCode;
                if (last == wanted)
                {
                    return wanted;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System);
        }

        throw new Xunit.Sdk.XunitException($"{url} stayed {last?.ToString() ?? "unreachable"}, not {wanted}:\n{bot.Output}");
    }

    private async Task<double> WaitForMetricAsync(string url, string metric, string label, BotProcess bot)
    {
        var deadline = TimeProvider.System.GetUtcNow() + Budget;
        while (TimeProvider.System.GetUtcNow() < deadline && !bot.HasExited)
        {
            var value = Sum(await ScrapeAsync(url), metric, label);
            if (value > 0)
            {
                return value;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), TimeProvider.System);
        }

        throw new Xunit.Sdk.XunitException($"{metric}{{{label}}} did not move:\n{await ScrapeAsync(url)}\n{bot.Output}");
    }

    private async Task<string> ScrapeAsync(string url) => await _http.GetStringAsync(url + "/metrics");

    private static IEnumerable<string> Lines(string scrape, string metric) =>
        scrape.Split('\n').Where(l => l.StartsWith(metric + "{", StringComparison.Ordinal));

    private static double Sum(string scrape, string metric, string label) =>
        Lines(scrape, metric).Where(l => l.Contains(label, StringComparison.Ordinal))
            .Sum(l => double.Parse(Value().Match(l).Groups[1].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"\}\s+(\S+)")]
    private static partial Regex Value();
}
