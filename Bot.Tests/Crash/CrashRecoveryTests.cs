using System.Data.Common;
using System.Globalization;
using Bot.Core.Diagnostics;
using Bot.Core.Kernel;
using Bot.Core.Moderation;
using Bot.Core.Storage;
using Bot.Discord;
using Bot.Telegram;
using Bot.Tests.Broadcast;
using Bot.Tests.Discord.Support;
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
/// reminder fires for 40 subscribed chats (half of them Discord channels, through the loopback Discord
/// fake, in the mixed case), and the process dies (SIGKILL, through a fault point in the
/// real code, or a kill from outside) at one step of the pipeline. Then a process starts again (SQLite) or
/// the surviving node goes on alone (PostgreSQL, two nodes), and each chat's posts are counted: exactly
/// one, or none or one for the rows that were being sent at the moment of the crash, which are reported
/// <c>uncertain</c> and are at most the sends in flight.
/// </summary>
[Collection(RealTimeLoad.Name)]
public sealed class CrashRecoveryTests : IDisposable
{
    private const int Chats = 40;
    private const int MaxInFlight = 16; // Delivery:MaxParallelSends, per platform
    private const string ReminderKeys = "reminder:crash-summit:";
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(90);

    private readonly ITestOutputHelper _log;
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("bot-crash-");

    /// <summary>The chats are Telegram channels and Discord announcement channels (the image run).</summary>
    private bool _channels;

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
        RunOnSqliteAsync(fault, discord: false, reminderDueIn: TimeSpan.FromSeconds(8), _ => Task.FromResult(ReminderKeys));

    [Theory]
    [InlineData(FaultPoint.ReminderFired)]
    [InlineData(FaultPoint.Sent + ":12")]
    public Task Sqlite_telegram_and_discord_killed_then_restarted_every_channel_gets_the_reminder_once(string fault) =>
        RunOnSqliteAsync(fault, discord: true, reminderDueIn: TimeSpan.FromSeconds(8), _ => Task.FromResult(ReminderKeys));

    [Theory]
    [InlineData(FaultPoint.AnnouncementFired)]
    [InlineData(FaultPoint.AnnouncementQueued)]
    [InlineData(FaultPoint.Accepted + ":12")]
    public Task Sqlite_scheduled_announcement_killed_at_a_step_then_restarted_reaches_every_chat_once(string fault) =>
        RunOnSqliteAsync(fault, discord: false, reminderDueIn: TimeSpan.FromDays(30), async connection =>
            AnnouncementStore.KeyPrefix(await ScheduleAnnouncementAsync(connection, TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(8))));

    /// <summary>
    /// An announcement reaches 20 Telegram chats and 20 Discord channels; a moderator's edit, and later the
    /// retraction, is killed at a step; after the restart every channel's message has the new text (and then is
    /// gone), no message was posted twice, and the changes on the wire at the kill were simply made again.
    /// </summary>
    [Theory]
    [InlineData(FaultPoint.Accepted + ":12")]
    [InlineData(FaultPoint.Sent + ":20")]
    public async Task Sqlite_an_edit_and_a_retraction_killed_midway_then_restarted_change_every_channel_once(string fault)
    {
        var connection = $"Data Source={Path.Combine(_folder.FullName, "bot.db")}";
        var storage = new Dictionary<string, string> { ["Storage__Provider"] = "Sqlite", ["Storage__ConnectionString"] = connection };
        await using var platforms = await Platforms.StartAsync(discord: true);
        await SubscribeAsync(StorageProvider.Sqlite, connection, platforms);
        var id = await AnnounceAsync(connection);
        var settings = platforms.Settings(storage, EventFile(TimeSpan.FromDays(30)), _folder);
        using (var sender = BotProcess.Start(settings))
        {
            Assert.All((await SettledRowsAsync(StorageProvider.Sqlite, connection, sender, AnnouncementStore.KeyPrefix(id))).Values, status => Assert.Equal("sent", status));
        }

        var editCalls = await ChangeWithCrashAsync(connection, settings, fault, platforms, id, AnnouncementChange.Edit);
        Assert.Equal(Chats / 2, platforms.Telegram.Messages.Count);
        Assert.All(platforms.Telegram.Messages.Values, text => Assert.Equal("Gewijzigd: zondag", text));
        Assert.Equal(Chats / 2, platforms.Discord!.Messages.Count);
        Assert.All(platforms.Discord.Messages.Values, text => Assert.Equal("Gewijzigd: zondag", text));
        Assert.All(platforms.Received().Values, posts => Assert.Equal(1, posts)); // edited in place, never posted again

        var deleteCalls = await ChangeWithCrashAsync(connection, settings, fault, platforms, id, AnnouncementChange.Retract);
        Assert.Empty(platforms.Telegram.Messages);
        Assert.Empty(platforms.Discord.Messages);
        Assert.All(platforms.Received().Values, posts => Assert.Equal(1, posts));
        _log.WriteLine($"{fault}: {Chats} channels; edit requests {editCalls.Total} ({editCalls.Repeated} channels edited twice), delete requests {deleteCalls.Total} ({deleteCalls.Repeated} twice); every message edited, then deleted; 0 posted twice");
        Assert.InRange(editCalls.Repeated, 0, 2 * MaxInFlight);
        Assert.InRange(deleteCalls.Repeated, 0, 2 * MaxInFlight);
    }

    /// <summary>Confirms an edit (or retraction) of announcement <paramref name="id"/>, kills the bot at <paramref name="fault"/> while it is made, restarts it and waits until every channel's change is done.</summary>
    private static async Task<(int Total, int Repeated)> ChangeWithCrashAsync(string connection, Dictionary<string, string> settings, string fault, Platforms platforms, long id, string kind)
    {
        ChangeOutcome? outcome;
        await using (var database = new BotDatabase(StorageProvider.Sqlite, connection, TimeProvider.System, NullLogger<BotDatabase>.Instance))
        {
            var changes = new AnnouncementChangeStore(database, TimeProvider.System);
            var preview = await changes.CreateAsync(id, kind, kind == AnnouncementChange.Edit ? "Gewijzigd: zondag" : null, "7", new ChatAddress(TelegramPlatform.Id, "7", ChatKind.Private), CancellationToken.None);
            Assert.Equal(AnnouncementDecision.Done, preview.Decision);
            AnnouncementDecision decision;
            (decision, outcome) = await changes.ConfirmAsync(preview.ChangeId, "7", CancellationToken.None);
            Assert.Equal(AnnouncementDecision.Done, decision);
            Assert.Equal(Chats, outcome!.Queued);
        }

        SqliteConnection.ClearAllPools();
        using (var doomed = StartWithFault(settings, fault, once: null))
        {
            await CrashAsync(doomed, fault, platforms);
        }

        using (var restarted = BotProcess.Start(settings))
        {
            var rows = await SettledRowsAsync(StorageProvider.Sqlite, connection, restarted, outcome.Change.KeyPrefix);
            Assert.All(rows, r => Assert.True(r.Value == "sent", $"{r.Key}: {r.Value}\n{restarted.Output}"));
        }

        var telegram = platforms.Telegram.CallsTo(kind == AnnouncementChange.Edit ? "editMessageText" : "deleteMessage").Select(c => "Telegram:" + c.ChatId.ToString(CultureInfo.InvariantCulture));
        var discord = platforms.Discord!.Requests.Where(r => r.Method == (kind == AnnouncementChange.Edit ? "PATCH" : "DELETE")).Select(r => "Discord:" + r.Path.Split('/')[1]);
        var perChannel = telegram.Concat(discord).GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Chats, perChannel.Count);
        return (perChannel.Values.Sum(), perChannel.Values.Count(n => n > 1));
    }

    /// <summary>A moderator's announcement, confirmed to go out at once to every subscribed chat.</summary>
    private static async Task<long> AnnounceAsync(string connection)
    {
        await using var database = new BotDatabase(StorageProvider.Sqlite, connection, TimeProvider.System, NullLogger<BotDatabase>.Instance);
        await database.InitializeAsync(CancellationToken.None);
        var store = new AnnouncementStore(database, new SubscriptionStore(database, TimeProvider.System), TimeProvider.System);
        var id = await store.CreateAsync("7", "Mod", new ChatAddress(TelegramPlatform.Id, "7", ChatKind.Private), "Demo op zaterdag", MassMention.None, null, CancellationToken.None);
        Assert.Equal(AnnouncementDecision.Done, (await store.ConfirmAsync(id, "7", CancellationToken.None)).Decision);
        SqliteConnection.ClearAllPools();
        return id;
    }

    /// <summary>
    /// An announcement with an image to Telegram private chats and channels and Discord announcement channels: killed
    /// mid-broadcast, it still reaches every channel once, Telegram uploads the image once in both processes together
    /// (the file_id is stored; twice only when the kill fell between the upload and storing its file_id), and every
    /// Discord post that is marked sent was published.
    /// </summary>
    [Theory]
    [InlineData(FaultPoint.Sent + ":12")]
    [InlineData("kill-after-received:15")]
    [InlineData(FaultPoint.Published + ":5")]
    public async Task Sqlite_image_announcement_to_channels_killed_then_restarted_reaches_every_channel_once_uploaded_once(string fault)
    {
        _channels = true;
        await RunOnSqliteAsync(fault, discord: true, reminderDueIn: TimeSpan.FromDays(30), async connection =>
            AnnouncementStore.KeyPrefix(await ScheduleAnnouncementAsync(connection, TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(8), withImage: true)));
    }

    [SkippableTheory]
    [InlineData(FaultPoint.ReminderFired)]
    [InlineData(FaultPoint.ReminderQueued)]
    [InlineData(FaultPoint.Sent + ":15")]
    public async Task Postgres_two_nodes_one_killed_the_survivor_finishes_alone(string fault)
    {
        TestPostgres.SkipIfAbsent();
        var connection = await TestPostgres.CreateDatabaseAsync();
        var storage = new Dictionary<string, string> { ["Storage__Provider"] = "Postgres", ["Storage__ConnectionString"] = connection };
        await using var platforms = await Platforms.StartAsync(discord: false);
        await SubscribeAsync(StorageProvider.Postgres, connection, platforms);
        var settings = platforms.Settings(storage, EventFile(TimeSpan.FromSeconds(10)), _folder);
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
        AssertExactlyOnce(fault, platforms, rows, receivedBeforeRestart: null);
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
    private async Task RunOnSqliteAsync(string fault, bool discord, TimeSpan reminderDueIn, Func<string, Task<string>> prepare)
    {
        var connection = $"Data Source={Path.Combine(_folder.FullName, "bot.db")}";
        var storage = new Dictionary<string, string> { ["Storage__Provider"] = "Sqlite", ["Storage__ConnectionString"] = connection };
        await using var platforms = await Platforms.StartAsync(discord, _channels);
        await SubscribeAsync(StorageProvider.Sqlite, connection, platforms);
        var keyPrefix = await prepare(connection);
        var settings = platforms.Settings(storage, EventFile(reminderDueIn), _folder);

        using (var doomed = StartWithFault(settings, fault, once: null))
        {
            await CrashAsync(doomed, fault, platforms);
        }

        var receivedBeforeRestart = platforms.Received().Values.Sum();
        using var restarted = BotProcess.Start(settings);
        var rows = await SettledRowsAsync(StorageProvider.Sqlite, connection, restarted, keyPrefix);
        AssertExactlyOnce(fault, platforms, rows, receivedBeforeRestart);
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
    private static async Task CrashAsync(BotProcess bot, string fault, Platforms platforms)
    {
        if (fault.StartsWith("kill-after-received:", StringComparison.Ordinal))
        {
            var count = int.Parse(fault[(fault.IndexOf(':', StringComparison.Ordinal) + 1)..], CultureInfo.InvariantCulture);
            var deadline = Now + Budget;
            while (platforms.Received().Values.Sum() < count && Now < deadline && !bot.HasExited)
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
            if (rows.Count == Chats && rows.Values.All(s => s is not "pending" and not "sending") && await PublicationsSettledAsync(provider, connection))
            {
                bot.Kill();
                return rows;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System);
        }

        bot.Kill();
        throw new Xunit.Sdk.XunitException($"rows not settled: {string.Join(", ", rows.GroupBy(r => r.Value).Select(g => $"{g.Count()} {g.Key}"))}\n{bot.Output}");
    }

    private void AssertExactlyOnce(string fault, Platforms platforms, IReadOnlyDictionary<string, string> rows, int? receivedBeforeRestart)
    {
        var received = platforms.Received();
        var uncertain = rows.Where(r => r.Value == "uncertain").Select(r => r.Key).ToList();
        var lost = rows.Keys.Count(chat => received.GetValueOrDefault(chat) == 0);
        var twice = received.Count(r => r.Value > 1);
        _log.WriteLine($"{fault}: {Chats} chats, {received.Count} received, lost {lost}, twice {twice}, uncertain {uncertain.Count} ({uncertain.Count(c => received.ContainsKey(c))} of them arrived), before restart {receivedBeforeRestart?.ToString(CultureInfo.InvariantCulture) ?? "-"}");

        Assert.Equal(Chats, rows.Count);
        Assert.Equal(0, twice);
        Assert.All(rows, r => Assert.True(r.Value is "sent" or "uncertain", $"{r.Key}: {r.Value}"));
        Assert.All(rows.Where(r => r.Value == "sent"), r => Assert.Equal(1, received.GetValueOrDefault(r.Key)));
        Assert.All(uncertain.GroupBy(chat => chat.Split(':')[0]), perPlatform => Assert.InRange(perPlatform.Count(), 0, MaxInFlight));
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

        if (platforms.WithChannels)
        {
            var photos = platforms.Telegram.CallsTo("sendPhoto");
            var crossposts = platforms.Discord!.Requests.Where(r => r.Path.EndsWith("/crosspost", StringComparison.Ordinal)).GroupBy(r => "Discord:" + r.Path.Split('/')[1]).ToDictionary(g => g.Key, g => g.Count());
            var published = platforms.Discord.Published.Keys.GroupBy(k => "Discord:" + k.Channel).ToDictionary(g => g.Key, g => g.Count());
            _log.WriteLine($"{fault}: {photos.Count} Telegram photos, {photos.Count(p => p.IsUpload)} uploaded; {published.Values.Sum()} Discord posts published, {crossposts.Values.Sum()} crosspost requests");
            // Once; twice only when the first process died after its upload left and before it stored the file_id.
            Assert.InRange(photos.Count(p => p.IsUpload), 1, 2);
            Assert.True(photos.Count(p => p.IsUpload) == 1 || uncertain.Any(c => c.StartsWith("Telegram:", StringComparison.Ordinal)));
            Assert.Empty(platforms.Telegram.CallsTo("sendMessage"));
            // Every Discord post marked sent is published exactly once; a publication cut off by the kill is asked again,
            // and Discord's "already crossposted" for it counts as done.
            Assert.All(rows.Where(r => r.Key.StartsWith("Discord:", StringComparison.Ordinal) && r.Value == "sent"), r => Assert.Equal(1, published.GetValueOrDefault(r.Key)));
            Assert.All(published, p => Assert.Equal(1, p.Value));
            // Publications on the wire at the kill (any fault point) are asked once more: 2 requests, one publication.
            Assert.All(crossposts, c => Assert.InRange(c.Value, 1, 2));
            if (fault.StartsWith(FaultPoint.Published, StringComparison.Ordinal))
            {
                Assert.Contains(crossposts, c => c.Value == 2);
            }
        }
    }

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

    private static async Task SubscribeAsync(StorageProvider provider, string connection, Platforms platforms)
    {
        await using var database = new BotDatabase(provider, connection, TimeProvider.System, NullLogger<BotDatabase>.Instance);
        await database.InitializeAsync(CancellationToken.None);
        var store = new SubscriptionStore(database, TimeProvider.System);
        foreach (var chat in platforms.Chats)
        {
            await store.UpsertAsync(new Subscription(chat, SubscriptionTopics.All, UiLanguage.Nl), "test", CancellationToken.None);
        }
    }

    /// <summary>A moderator's announcement, confirmed for <paramref name="due"/>, as /aankondiging om … leaves it (with a stored image when asked).</summary>
    private static async Task<long> ScheduleAnnouncementAsync(string connection, DateTimeOffset due, bool withImage = false)
    {
        await using var database = new BotDatabase(StorageProvider.Sqlite, connection, TimeProvider.System, NullLogger<BotDatabase>.Instance);
        await database.InitializeAsync(CancellationToken.None);
        var store = new AnnouncementStore(database, new SubscriptionStore(database, TimeProvider.System), TimeProvider.System);
        long? image = withImage ? await new ImageStore(database, TimeProvider.System).AddAsync(Images.TestImages.Png(1200, 800, 50_000), "image/png", 1200, 800, CancellationToken.None) : null;
        var id = await store.CreateAsync("7", "Mod", new ChatAddress(TelegramPlatform.Id, "7", ChatKind.Private), "Demo op zaterdag", MassMention.None, due, image, CancellationToken.None);
        Assert.Equal(AnnouncementDecision.Done, (await store.ConfirmAsync(id, "7", CancellationToken.None)).Decision);
        return id;
    }

    /// <summary>Chat id → status of the reminder's outbox rows, read beside the running bot.</summary>
    /// <summary>Whether no post's publication (queued with the post's mark "sent") is still to be made; none may have failed.</summary>
    private static async Task<bool> PublicationsSettledAsync(StorageProvider provider, string connection)
    {
        await using DbConnection db = provider == StorageProvider.Sqlite ? new SqliteConnection(connection) : new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = "SELECT status, COUNT(*) FROM bot_outbox WHERE substr(dedup_key, 1, 8) = 'publish:' GROUP BY status";
        var counts = new Dictionary<string, long>();
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                counts[reader.GetString(0)] = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
            }
        }
        catch (DbException)
        {
            return false;
        }

        Assert.False(counts.ContainsKey("failed"), "a publication failed");
        return counts.GetValueOrDefault("pending") + counts.GetValueOrDefault("sending") == 0;
    }

    private static async Task<IReadOnlyDictionary<string, string>> ReadRowsAsync(StorageProvider provider, string connection, string keyPrefix)
    {
        await using DbConnection db = provider == StorageProvider.Sqlite ? new SqliteConnection(connection) : new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = $"SELECT platform, chat_id, status FROM bot_outbox WHERE substr(dedup_key, 1, {keyPrefix.Length}) = '{keyPrefix}'";
        var rows = new Dictionary<string, string>();
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows[reader.GetString(0) + ":" + reader.GetString(1)] = reader.GetString(2);
            }
        }
        catch (DbException)
        {
            // Busy, or the table is not there yet: ask again.
        }

        return rows;
    }

    /// <summary>The loopback platforms the bot sends to (sends take 100 ms), and the chats subscribed on them.</summary>
    private sealed class Platforms : IAsyncDisposable
    {
        private Platforms(FakeBotApi telegram, FakeDiscord? discord, bool channels)
        {
            Telegram = telegram;
            Discord = discord;
            WithChannels = channels;
        }

        /// <summary>Every Discord channel is an announcement channel, and every other Telegram chat a channel.</summary>
        public bool WithChannels { get; }

        public FakeBotApi Telegram { get; }

        public FakeDiscord? Discord { get; }

        /// <summary>40 Telegram private chats, or 20 of them and 20 Discord channels.</summary>
        public IEnumerable<ChatAddress> Chats => Enumerable.Range(1, CrashRecoveryTests.Chats).Select(i => Discord is not null && i % 2 == 0
            ? new ChatAddress(DiscordPlatform.Id, (9000 + i).ToString(CultureInfo.InvariantCulture), WithChannels ? ChatKind.Channel : ChatKind.Group)
            : WithChannels && i % 4 == 1 ? new ChatAddress(TelegramPlatform.Id, (-1_000_000_000_000 - i).ToString(CultureInfo.InvariantCulture), ChatKind.Channel)
            : new ChatAddress(TelegramPlatform.Id, (1000 + i).ToString(CultureInfo.InvariantCulture), ChatKind.Private));

        public static async Task<Platforms> StartAsync(bool discord, bool channels = false)
        {
            var telegram = await FakeBotApi.StartAsync(TelegramTestHost.Token);
            telegram.SendDelay = TimeSpan.FromMilliseconds(100);
            FakeDiscord? fake = null;
            if (discord)
            {
                fake = await FakeDiscord.StartAsync();
                fake.MessageDelay = TimeSpan.FromMilliseconds(100);
            }

            if (channels)
            {
                // Photos take as long as messages.
                telegram.Delay = call => call.Method is "sendMessage" or "sendPhoto" ? TimeSpan.FromMilliseconds(100) : TimeSpan.Zero;
            }

            return new Platforms(telegram, fake, channels);
        }

        /// <summary>Posts that arrived, per <c>Platform:chat</c>.</summary>
        public Dictionary<string, int> Received()
        {
            var telegram = Telegram.CallsTo("sendMessage").Concat(Telegram.CallsTo("sendPhoto")).Select(c => "Telegram:" + c.ChatId.ToString(CultureInfo.InvariantCulture));
            var discord = (Discord?.Requests ?? []).Where(r => r.Method == "POST" && r.Path.StartsWith("channels/", StringComparison.Ordinal) && r.Path.EndsWith("/messages", StringComparison.Ordinal))
                .Select(r => "Discord:" + r.Path.Split('/')[1]);
            return telegram.Concat(discord).GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
        }

        public Dictionary<string, string> Settings(Dictionary<string, string> storage, string events, DirectoryInfo folder)
        {
            var settings = new Dictionary<string, string>(storage)
            {
                ["Telegram__Token"] = Telegram.Token,
                ["Telegram__ApiBaseUrl"] = Telegram.BaseUrl.ToString().TrimEnd('/'),
                ["Events__File"] = events,
                ["Scheduler__MisfireThreshold"] = "00:00:01",
                ["Logging__LogLevel__Default"] = "Information",
            };
            if (Discord is not null)
            {
                // Http mode: no gateway session to play; reminders go out over REST either way.
                settings["Discord__Token"] = "crash-test-token";
                settings["Discord__ApiBaseUrl"] = Discord.ApiBase.AbsoluteUri;
                settings["Discord__Mode"] = "Http";
                settings["Discord__PublicKey"] = new string('a', 64);
                settings["Discord__HttpUrls"] = "http://127.0.0.1:0";
                settings["Discord__CommandStateFile"] = Path.Combine(folder.FullName, "discord-commands.json");
            }

            return settings;
        }

        public async ValueTask DisposeAsync()
        {
            await Telegram.DisposeAsync();
            if (Discord is not null)
            {
                await Discord.DisposeAsync();
            }
        }
    }
}
