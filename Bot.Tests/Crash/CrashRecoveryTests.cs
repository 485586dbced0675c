using System.Data.Common;
using System.Globalization;
using Bot.Core.Commands;
using Bot.Core.Diagnostics;
using Bot.Core.Moderation;
using Bot.Core.Storage;
using Bot.Tests.Broadcast;
using Bot.Tests.Storage;
using Bot.Tests.Telegram;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit;
using Xunit.Abstractions;

namespace Bot.Tests.Crash;

/// <summary>
/// The promise "every subscribed chat gets a reminder exactly once, also after a crash", tried the hard
/// way: the real Bot.Host as a child process polls a loopback Telegram Bot API (sends take 100 ms), a
/// reminder fires for 40 subscribed chats, and the process dies (SIGKILL, through a fault point in the
/// real code, or a kill from outside) at one step of the pipeline. Then a process starts again (SQLite) or
/// the surviving node goes on alone (PostgreSQL, two nodes), and each chat's posts are counted: exactly
/// one, or none or one for the rows that were being sent at the moment of the crash, which are reported
/// <c>uncertain</c> and are at most the sends in flight.
/// </summary>
[Collection(RealTimeLoad.Name)]
public sealed class CrashRecoveryTests : IDisposable
{
    private const int Chats = 40;
    private const int MaxInFlight = 16; // Delivery:MaxParallelSends
    private const string ReminderKeys = "reminder:crash-summit:";
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(90);

    private readonly ITestOutputHelper _log;
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("bot-crash-");

    public CrashRecoveryTests(ITestOutputHelper log)
    {
        _log = log;
    }

    public static TheoryData<string> Faults { get; } = new()
    {
        FaultPoint.ReminderFired,
        FaultPoint.ReminderQueued,
        FaultPoint.Sent + ":1",
        FaultPoint.Sent + ":20",
        FaultPoint.Accepted + ":30",
        "kill-after-received:10",
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public Task Sqlite_killed_at_a_step_then_restarted_every_chat_gets_the_reminder_once(string fault) =>
        RunOnSqliteAsync(fault, reminderDueIn: TimeSpan.FromSeconds(8), _ => Task.FromResult(ReminderKeys));

    [Theory]
    [InlineData(FaultPoint.AnnouncementFired)]
    [InlineData(FaultPoint.AnnouncementQueued)]
    [InlineData(FaultPoint.Accepted + ":12")]
    public Task Sqlite_scheduled_announcement_killed_at_a_step_then_restarted_reaches_every_chat_once(string fault) =>
        RunOnSqliteAsync(fault, reminderDueIn: TimeSpan.FromDays(30), async connection =>
            AnnouncementStore.KeyPrefix(await ScheduleAnnouncementAsync(connection, TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(8))));

    [SkippableTheory]
    [InlineData(FaultPoint.ReminderFired)]
    [InlineData(FaultPoint.ReminderQueued)]
    [InlineData(FaultPoint.Sent + ":15")]
    public async Task Postgres_two_nodes_one_killed_the_survivor_finishes_alone(string fault)
    {
        TestPostgres.SkipIfAbsent();
        var connection = await TestPostgres.CreateDatabaseAsync();
        var storage = new Dictionary<string, string> { ["Storage__Provider"] = "Postgres", ["Storage__ConnectionString"] = connection };
        await using var telegram = await FakeBotApi.StartAsync(TelegramTestHost.Token);
        telegram.SendDelay = TimeSpan.FromMilliseconds(100);
        await SubscribeAsync(StorageProvider.Postgres, connection);
        var settings = Settings(telegram, storage, EventFile(TimeSpan.FromSeconds(10)));
        var once = Path.Combine(_folder.FullName, "crashed");

        // Both nodes arm the fault; whichever reaches it first dies, the other must carry on without a restart.
        using var a = StartWithFault(settings, fault, once);
        using var b = StartWithFault(settings, fault, once);
        var deadline = Now + Budget;
        while (!a.HasExited && !b.HasExited && Now < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
        }

        Assert.True(a.HasExited || b.HasExited, $"neither node reached {fault}:\n{a.Output}\n---\n{b.Output}");
        var killedAt = Now;
        var survivor = a.HasExited ? b : a;
        var rows = await SettledRowsAsync(StorageProvider.Postgres, connection, survivor, ReminderKeys);
        _log.WriteLine($"{fault}: the survivor settled every row {(Now - killedAt).TotalSeconds:F1} s after the kill");
        Assert.False(survivor.HasExited, survivor.Output);
        AssertExactlyOnce(fault, telegram, rows, receivedBeforeRestart: null);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    /// <summary>
    /// One process on SQLite: subscribe the chats, let <paramref name="prepare"/> queue what is to be sent
    /// (it returns the outbox key prefix of those posts), kill the process at <paramref name="fault"/>,
    /// start it again and count.
    /// </summary>
    private async Task RunOnSqliteAsync(string fault, TimeSpan reminderDueIn, Func<string, Task<string>> prepare)
    {
        var connection = $"Data Source={Path.Combine(_folder.FullName, "bot.db")}";
        var storage = new Dictionary<string, string> { ["Storage__Provider"] = "Sqlite", ["Storage__ConnectionString"] = connection };
        await using var telegram = await FakeBotApi.StartAsync(TelegramTestHost.Token);
        telegram.SendDelay = TimeSpan.FromMilliseconds(100);
        await SubscribeAsync(StorageProvider.Sqlite, connection);
        var keyPrefix = await prepare(connection);
        var settings = Settings(telegram, storage, EventFile(reminderDueIn));

        using (var doomed = StartWithFault(settings, fault, once: null))
        {
            await CrashAsync(doomed, fault, telegram);
        }

        var receivedBeforeRestart = telegram.CallsTo("sendMessage").Count;
        using var restarted = BotProcess.Start(settings);
        var rows = await SettledRowsAsync(StorageProvider.Sqlite, connection, restarted, keyPrefix);
        AssertExactlyOnce(fault, telegram, rows, receivedBeforeRestart);
    }

    private static DateTime Now => TimeProvider.System.GetUtcNow().UtcDateTime;

    private static BotProcess StartWithFault(Dictionary<string, string> settings, string fault, string? once)
    {
        var environment = new Dictionary<string, string>(settings);
        if (!fault.StartsWith("kill-", StringComparison.Ordinal))
        {
            environment["BOT_FAULT"] = fault;
        }

        if (once is not null)
        {
            environment["BOT_FAULT_ONCE"] = once;
        }

        return BotProcess.Start(environment);
    }

    /// <summary>Waits until the process died at its fault point, or kills it from outside after N posts arrived.</summary>
    private static async Task CrashAsync(BotProcess bot, string fault, FakeBotApi telegram)
    {
        if (fault.StartsWith("kill-after-received:", StringComparison.Ordinal))
        {
            var count = int.Parse(fault[(fault.IndexOf(':', StringComparison.Ordinal) + 1)..], CultureInfo.InvariantCulture);
            var deadline = Now + Budget;
            while (telegram.CallsTo("sendMessage").Count < count && Now < deadline && !bot.HasExited)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System);
            }

            bot.Kill();
        }

        Assert.True(await bot.WaitForExitAsync(Budget), $"the bot did not reach {fault}:\n{bot.Output}");
        Assert.True(fault.StartsWith("kill-", StringComparison.Ordinal) || bot.Output.Contains($"fault point {fault.Split(':')[0]} reached", StringComparison.Ordinal), bot.Output);
    }

    /// <summary>Waits until every chat's row is settled (none pending or sending), then stops the process.</summary>
    private static async Task<IReadOnlyDictionary<string, string>> SettledRowsAsync(StorageProvider provider, string connection, BotProcess bot, string keyPrefix)
    {
        var deadline = Now + Budget;
        IReadOnlyDictionary<string, string> rows = new Dictionary<string, string>();
        while (Now < deadline && !bot.HasExited)
        {
            rows = await ReadRowsAsync(provider, connection, keyPrefix);
            if (rows.Count == Chats && rows.Values.All(s => s is not "pending" and not "sending"))
            {
                bot.Kill();
                return rows;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System);
        }

        bot.Kill();
        throw new Xunit.Sdk.XunitException($"rows not settled: {string.Join(", ", rows.GroupBy(r => r.Value).Select(g => $"{g.Count()} {g.Key}"))}\n{bot.Output}");
    }

    private void AssertExactlyOnce(string fault, FakeBotApi telegram, IReadOnlyDictionary<string, string> rows, int? receivedBeforeRestart)
    {
        var received = telegram.CallsTo("sendMessage").GroupBy(c => c.ChatId.ToString(CultureInfo.InvariantCulture)).ToDictionary(g => g.Key, g => g.Count());
        var uncertain = rows.Where(r => r.Value == "uncertain").Select(r => r.Key).ToList();
        var lost = rows.Keys.Count(chat => received.GetValueOrDefault(chat) == 0);
        var twice = received.Count(r => r.Value > 1);
        _log.WriteLine($"{fault}: {Chats} chats, {received.Count} received, lost {lost}, twice {twice}, uncertain {uncertain.Count} ({uncertain.Count(c => received.ContainsKey(c))} of them arrived), before restart {receivedBeforeRestart?.ToString(CultureInfo.InvariantCulture) ?? "-"}");

        Assert.Equal(Chats, rows.Count);
        Assert.Equal(0, twice);
        Assert.All(rows, r => Assert.True(r.Value is "sent" or "uncertain", $"{r.Key}: {r.Value}"));
        Assert.All(rows.Where(r => r.Value == "sent"), r => Assert.Equal(1, received.GetValueOrDefault(r.Key)));
        Assert.InRange(uncertain.Count, 0, MaxInFlight);
        if (fault.EndsWith("-fired", StringComparison.Ordinal) || fault.EndsWith("-queued", StringComparison.Ordinal))
        {
            // Nothing was on the wire: every chat got it exactly once.
            Assert.Empty(uncertain);
            Assert.Equal(0, lost);
        }

        if (fault.StartsWith(FaultPoint.Accepted, StringComparison.Ordinal))
        {
            Assert.NotEmpty(uncertain); // the accepted row that was never marked
        }
    }

    private static Dictionary<string, string> Settings(FakeBotApi telegram, Dictionary<string, string> storage, string events) => new(storage)
    {
        ["Telegram__Token"] = telegram.Token,
        ["Telegram__ApiBaseUrl"] = telegram.BaseUrl.ToString().TrimEnd('/'),
        ["Events__File"] = events,
        ["Scheduler__MisfireThreshold"] = "00:00:01",
        ["Logging__LogLevel__Default"] = "Information",
    };

    /// <summary>An events file with one summit whose 1-hour reminder falls due <paramref name="in"/> from now.</summary>
    private string EventFile(TimeSpan @in)
    {
        var start = Now + TimeSpan.FromHours(1) + @in;
        var path = Path.Combine(_folder.FullName, "events.yaml");
        File.WriteAllText(path, $"""
            events:
              - id: crash-summit
                kind: summit
                title:
                  nl: Crashtop
                  en: Crash summit
                start: {start:yyyy-MM-ddTHH:mm:ss}
                timezone: Etc/UTC
                reminders: [1h]
            """);
        return path;
    }

    private static async Task SubscribeAsync(StorageProvider provider, string connection)
    {
        await using var database = new BotDatabase(provider, connection, TimeProvider.System, NullLogger<BotDatabase>.Instance);
        await database.InitializeAsync(CancellationToken.None);
        var store = new SubscriptionStore(database, TimeProvider.System);
        for (var i = 1; i <= Chats; i++)
        {
            var chat = new ChatAddress(Platform.Telegram, (1000 + i).ToString(CultureInfo.InvariantCulture), ChatKind.Private);
            await store.UpsertAsync(new Subscription(chat, SubscriptionTopics.All, UiLanguage.Nl), "test", CancellationToken.None);
        }
    }

    /// <summary>A moderator's announcement, confirmed for <paramref name="due"/>, as /aankondiging om … leaves it.</summary>
    private static async Task<long> ScheduleAnnouncementAsync(string connection, DateTimeOffset due)
    {
        await using var database = new BotDatabase(StorageProvider.Sqlite, connection, TimeProvider.System, NullLogger<BotDatabase>.Instance);
        await database.InitializeAsync(CancellationToken.None);
        var store = new AnnouncementStore(database, new SubscriptionStore(database, TimeProvider.System), TimeProvider.System);
        var id = await store.CreateAsync("7", "Mod", new ChatAddress(Platform.Telegram, "7", ChatKind.Private), "Demo op zaterdag", MassMention.None, due, CancellationToken.None);
        Assert.Equal(AnnouncementDecision.Done, (await store.ConfirmAsync(id, "7", CancellationToken.None)).Decision);
        return id;
    }

    /// <summary>Chat id → status of the reminder's outbox rows, read beside the running bot.</summary>
    private static async Task<IReadOnlyDictionary<string, string>> ReadRowsAsync(StorageProvider provider, string connection, string keyPrefix)
    {
        await using DbConnection db = provider == StorageProvider.Sqlite ? new SqliteConnection(connection) : new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = $"SELECT chat_id, status FROM bot_outbox WHERE substr(dedup_key, 1, {keyPrefix.Length}) = '{keyPrefix}'";
        var rows = new Dictionary<string, string>();
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows[reader.GetString(0)] = reader.GetString(1);
            }
        }
        catch (DbException)
        {
            // Busy, or the table is not there yet: ask again.
        }

        return rows;
    }
}
