using System.Globalization;
using Bot.Core.Kernel;
using Bot.Core.Storage;
using Bot.Telegram;
using Bot.Tests.Broadcast;
using Bot.Tests.Telegram;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;
using Xunit.Abstractions;

namespace Bot.Tests.Crash;

/// <summary>
/// A live countdown in one Telegram group, run by the real Bot.Host against the loopback Bot API: the message is
/// posted and pinned, a member deletes it, the next change brings it back. The process is killed (SIGKILL) at one
/// request on the wire, after the fake took it (the message exists) and before the bot read the answer, then started
/// again. Whatever the step, the chat never holds two countdown messages and none is ever posted twice.
/// </summary>
[Collection(RealTimeLoad.Name)]
public sealed class CountdownCrashTests : IDisposable
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);
    private static readonly ChatAddress Group = new(TelegramPlatform.Id, "-1007", ChatKind.Group);

    private readonly ITestOutputHelper _log;
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("bot-crash-countdown-");

    public CountdownCrashTests(ITestOutputHelper log)
    {
        _log = log;
    }

    private string Connection => $"Data Source={Path.Combine(_folder.FullName, "bot.db")}";

    [Theory]
    [InlineData("sendMessage", 1)] // the first post
    [InlineData("pinChatMessage", 1)] // its pin
    [InlineData("editMessageText", 1)] // the edit that finds the message deleted
    [InlineData("sendMessage", 2)] // the post that brings it back
    [InlineData("pinChatMessage", 2)] // that one's pin
    public async Task Killed_at_a_countdown_step_then_restarted_the_chat_has_one_countdown_message_posted_once(string method, int nth)
    {
        await using var telegram = await FakeBotApi.StartAsync(TelegramTestHost.Token);
        BotProcess? running = null;
        var killed = 0;
        telegram.Respond = call =>
        {
            if (call.Method.Equals(method, StringComparison.OrdinalIgnoreCase) && telegram.CallsTo(method).Count == nth && Interlocked.Exchange(ref killed, 1) == 0)
            {
                running?.Kill(); // before the answer leaves: the fake keeps what it was asked, the bot never learns it
            }

            return null;
        };

        var postKey = await StartCountdownAsync();
        var settings = Settings(telegram);

        // Posted and pinned (or known not to be).
        running = BotProcess.Start(settings);
        running = await RunUntilAsync(running, settings, rows => Settled(rows, postKey) && Settled(rows, postKey + ":pin"));
        running.Kill();
        Assert.True(await running.WaitForExitAsync(Budget));

        // A member deletes it; the countdown's next moment comes (it was started an hour earlier).
        foreach (var message in telegram.Messages.Keys.ToList())
        {
            telegram.DeleteByHand(message.Chat, message.Message);
        }

        await BackdateAsync();
        running = BotProcess.Start(settings);
        running = await RunUntilAsync(running, settings, rows => rows.Count >= 3 && rows.Values.All(s => s is not "pending" and not "sending"));
        await Task.Delay(TimeSpan.FromSeconds(2), TimeProvider.System); // a little longer: nothing else may be sent
        running.Kill();
        Assert.True(await running.WaitForExitAsync(Budget));

        var rows = await ReadRowsAsync();
        var sends = telegram.CallsTo("sendMessage").Count;
        _log.WriteLine($"killed at {method} #{nth}: {sends} sendMessage, {telegram.Messages.Count} message(s) in the chat; rows {string.Join(", ", rows.Select(r => $"{r.Key[postKey.Length..]}={r.Value}"))}");
        Assert.Equal(1, killed);
        Assert.InRange(telegram.Messages.Count, 0, 1);
        if (method == "sendMessage" && nth == 1)
        {
            // The first post is uncertain: it may have arrived, so nothing is posted in its place.
            Assert.Equal(1, sends);
            Assert.Equal("uncertain", rows[postKey]);
        }
        else
        {
            Assert.Equal(2, sends); // the post and the one that brought it back, once each
            Assert.Single(telegram.Messages);
        }

        Assert.All(telegram.Calls, call => Assert.Empty(TelegramSpec.Validate(call.Method, call.Parameters)));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    /// <summary>Runs the bot (starting it again when it was killed) until <paramref name="done"/> holds for the countdown's outbox rows.</summary>
    private async Task<BotProcess> RunUntilAsync(BotProcess bot, Dictionary<string, string> settings, Func<IReadOnlyDictionary<string, string>, bool> done)
    {
        var deadline = TimeProvider.System.GetUtcNow() + Budget;
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            if (bot.HasExited)
            {
                _log.WriteLine("killed; starting again");
                bot.Dispose();
                bot = BotProcess.Start(settings);
            }

            if (done(await ReadRowsAsync()))
            {
                return bot;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System);
        }

        bot.Kill();
        throw new Xunit.Sdk.XunitException($"the countdown's rows did not settle: {string.Join(", ", (await ReadRowsAsync()).Select(r => $"{r.Key}={r.Value}"))}\n{bot.Output}");
    }

    private static bool Settled(IReadOnlyDictionary<string, string> rows, string key) => rows.TryGetValue(key, out var status) && status is not "pending" and not "sending";

    private async Task<string> StartCountdownAsync()
    {
        await using var database = new BotDatabase(StorageProvider.Sqlite, Connection, TimeProvider.System, NullLogger<BotDatabase>.Instance);
        await database.InitializeAsync(CancellationToken.None);
        var countdowns = new CountdownStore(database, TimeProvider.System);
        Assert.True(await countdowns.AddAsync(Group, UiLanguage.Nl, "Telegram:42", CancellationToken.None));
        var key = Assert.Single(await countdowns.ListAsync(CancellationToken.None)).PostKey;
        SqliteConnection.ClearAllPools();
        return key;
    }

    /// <summary>The countdown was started an hour earlier, so its next moment (an hour step before the event) has come.</summary>
    private async Task BackdateAsync()
    {
        await using var connection = new SqliteConnection(Connection);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE bot_countdowns SET created_at = created_at - 3600000";
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
        SqliteConnection.ClearAllPools();
    }

    /// <summary>The countdown's outbox rows (key → status), read beside the running bot.</summary>
    private async Task<IReadOnlyDictionary<string, string>> ReadRowsAsync()
    {
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            await using var connection = new SqliteConnection(Connection);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT dedup_key, status FROM bot_outbox WHERE dedup_key LIKE 'countdown:%'";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows[reader.GetString(0)] = reader.GetString(1);
            }
        }
        catch (SqliteException)
        {
            // Busy: ask again.
        }

        return rows;
    }

    private Dictionary<string, string> Settings(FakeBotApi telegram)
    {
        // The event starts in 90 minutes: the countdown shows "2 uur" from the moment an hour step (30 minutes ago) before it.
        var start = TimeProvider.System.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(90);
        var events = Path.Combine(_folder.FullName, "events.yaml");
        File.WriteAllText(events, $"""
            events:
              - id: crash-demo
                kind: protest
                title:
                  nl: Crashdemo
                  en: Crash demo
                start: {start.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)}
                timezone: Etc/UTC
            """);
        return new Dictionary<string, string>
        {
            ["Storage__Provider"] = "Sqlite",
            ["Storage__ConnectionString"] = Connection,
            ["Telegram__Token"] = telegram.Token,
            ["Telegram__ApiBaseUrl"] = telegram.BaseUrl.ToString().TrimEnd('/'),
            ["Events__File"] = events,
            ["Delivery__PollInterval"] = "00:00:01",
            ["Logging__LogLevel__Default"] = "Information",
        };
    }
}
