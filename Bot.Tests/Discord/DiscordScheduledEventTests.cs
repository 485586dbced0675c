using Bot.Core.Commands;
using Bot.Core.Events;
using Bot.Core.Kernel;
using Bot.Core.Storage;
using Bot.Discord.ScheduledEvents;
using Bot.Tests.Discord.Support;
using Bot.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bot.Tests.Discord;

/// <summary>
/// The catalog's upcoming events as Guild Scheduled Events, over the fake Discord (which checks every body
/// against Discord's OpenAPI description and enforces Manage Events): exactly one per upcoming event after
/// restarts, edits, deletions, a deletion by hand, a crash between Discord's answer and our commit, 429s, and
/// two nodes on PostgreSQL.
/// </summary>
public sealed class DiscordScheduledEventTests : IAsyncLifetime
{
    private const string GuildId = "290926798626357999";
    private const ulong ManageEvents = 1UL << 33;
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "discord-events-tests", Guid.NewGuid().ToString("N"));
    private readonly SignallingTimeProvider _time = new();
    private FakeDiscord _fake = null!;

    private string EventsFile => Path.Combine(_folder, "events.yaml");

    private string StateFile => Path.Combine(_folder, "state.sha256");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _time.SetUtcNow(Now);
        _fake = await FakeDiscord.StartAsync();
        _fake.Guilds.Now = _time.GetUtcNow;
        WriteEvents(Meetup("meetup-a", "Meetup A", "2026-12-10T19:00", "2026-12-10T21:00"), Meetup("summit-b", "Summit B", "2026-12-20T09:00", null));
    }

    public async Task DisposeAsync()
    {
        await _fake.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a pool: the temp folder is cleaned up later.
        }
    }

    [Fact]
    public async Task Restarts_edits_deletions_and_a_deletion_by_hand_leave_exactly_one_per_upcoming_event()
    {
        var guild = _fake.Guilds.Add(GuildId, "PauseAI NL").WithBotRole("r1", ManageEvents);
        string meetupId;
        await using (var bot = await StartAsync())
        {
            await SyncAsync(bot);
            Assert.Equal(["Meetup A", "Summit B"], guild.Live.Select(e => (string)e["name"]!));
            var meetup = guild.Live[0];
            meetupId = (string)meetup["id"]!;
            Assert.Equal(3, (int)meetup["entity_type"]!);
            Assert.Equal("Amsterdam", (string)meetup["entity_metadata"]!["location"]!);
            Assert.Equal("2026-12-10T18:00:00Z", (string)meetup["scheduled_start_time"]!);
            Assert.Equal("2026-12-10T20:00:00Z", (string)meetup["scheduled_end_time"]!);
            Assert.Contains("https://pauseai.info/meetup-a", (string)meetup["description"]!, StringComparison.Ordinal);
            // No end in the file: the default length (2 hours).
            Assert.Equal("2026-12-20T10:00:00Z", (string)guild.Live[1]["scheduled_end_time"]!);
        }

        // A restart sends nothing new.
        var before = ScheduledEventWrites();
        await using (var bot = await StartAsync())
        {
            await SyncAsync(bot);
            Assert.Equal(before, ScheduledEventWrites());
            Assert.Equal(2, guild.Live.Count);

            // An edit of the file moves and renames the same scheduled event.
            WriteEvents(Meetup("meetup-a", "Meetup A (verplaatst)", "2026-12-11T19:00", "2026-12-11T21:00"), Meetup("summit-b", "Summit B", "2026-12-20T09:00", null));
            Assert.Null(bot.Host.Services.GetRequiredService<EventCatalog>().Reload());
            await SyncAsync(bot);
            Assert.Equal(2, guild.Live.Count);
            var moved = guild.Events[meetupId];
            Assert.Equal("Meetup A (verplaatst)", (string)moved["name"]!);
            Assert.Equal("2026-12-11T18:00:00Z", (string)moved["scheduled_start_time"]!);

            // Removed from the file: deleted in Discord.
            WriteEvents(Meetup("meetup-a", "Meetup A (verplaatst)", "2026-12-11T19:00", "2026-12-11T21:00"));
            Assert.Null(bot.Host.Services.GetRequiredService<EventCatalog>().Reload());
            await SyncAsync(bot);
            Assert.Equal(["Meetup A (verplaatst)"], guild.Live.Select(e => (string)e["name"]!));

            // A moderator deletes ours by hand in Discord: the next pass puts it back, once.
            guild.Events.Clear();
            await SyncAsync(bot);
            await SyncAsync(bot);
            Assert.Equal(["Meetup A (verplaatst)"], guild.Live.Select(e => (string)e["name"]!));
        }

        Assert.Empty(_fake.Guilds.SpecProblems);
    }

    [Fact]
    public async Task A_catalog_change_alone_starts_a_pass()
    {
        var guild = _fake.Guilds.Add(GuildId, "PauseAI NL").WithBotRole("r1", ManageEvents);
        await using var bot = await StartAsync();
        await SyncAsync(bot);
        WriteEvents(Meetup("meetup-a", "Meetup A", "2026-12-10T19:00", "2026-12-10T21:00"));
        Assert.Null(bot.Host.Services.GetRequiredService<EventCatalog>().Reload());
        await WaitUntilAsync(() => guild.Live.Count == 1);
    }

    [Fact]
    public async Task A_crash_between_Discords_answer_and_our_commit_adopts_the_event_instead_of_making_a_second()
    {
        var guild = _fake.Guilds.Add(GuildId, "PauseAI NL").WithBotRole("r1", ManageEvents);
        await using (var bot = await StartAsync())
        {
            await SyncAsync(bot);
        }

        // What a kill -9 after Discord's answer leaves: the events exist, our links do not.
        await ForgetLinksAsync();
        var posts = Posts();
        await using (var bot = await StartAsync())
        {
            await SyncAsync(bot);
            Assert.Equal(posts, Posts());
            Assert.Equal(2, guild.Live.Count);

            // Lost link and removed from the catalog meanwhile: the orphan is deleted, not left behind.
            await ForgetLinksAsync();
            WriteEvents(Meetup("meetup-a", "Meetup A", "2026-12-10T19:00", "2026-12-10T21:00"));
            Assert.Null(bot.Host.Services.GetRequiredService<EventCatalog>().Reload());
            await SyncAsync(bot);
            Assert.Equal(["Meetup A"], guild.Live.Select(e => (string)e["name"]!));
        }
    }

    [Fact]
    public async Task A_server_without_Manage_Events_gets_no_event_calls_one_log_line_and_a_line_in_status()
    {
        _fake.Guilds.Add("1001", "Geen rechten").WithBotRole("r2", 1UL << 10);
        var allowed = _fake.Guilds.Add(GuildId, "PauseAI NL").WithBotRole("r1", 1UL << 3); // Administrator covers it
        await using var bot = await StartAsync();
        await SyncAsync(bot);
        await SyncAsync(bot);
        await SyncAsync(bot);

        Assert.DoesNotContain(_fake.Requests, r => r.Path.StartsWith("guilds/1001/scheduled-events", StringComparison.Ordinal));
        Assert.Equal(2, allowed.Live.Count);
        Assert.Single(bot.Logs.Lines, l => l.EventId == 4160);
        Assert.Contains("1001", bot.Logs.Lines.Single(l => l.EventId == 4160).Message, StringComparison.Ordinal);
        var status = bot.Host.Services.GetServices<ICommandHandler>().Single(h => h.Descriptor.Name == "status");
        var reply = await status.HandleAsync(new CommandRequest("status", string.Empty, new UserRef("1", "mod"), new ChatAddress(new PlatformId("Discord"), "1", ChatKind.Private), "en"), CancellationToken.None);
        var text = ReplyText(reply);
        Assert.Contains("Geen rechten (1001)", text, StringComparison.Ordinal);
        Assert.Contains("Manage Events", text, StringComparison.Ordinal);
        Assert.DoesNotContain(GuildId, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_429_on_the_scheduled_events_route_is_waited_out_and_still_makes_one_each()
    {
        var guild = _fake.Guilds.Add(GuildId, "PauseAI NL").WithBotRole("r1", ManageEvents);
        var refused = 0;
        _fake.Respond = r => r.Method == "POST" && r.Path.EndsWith("/scheduled-events", StringComparison.Ordinal) && Interlocked.Increment(ref refused) <= 3
            ? new FakeResponse(429, """{"message":"You are being rate limited.","retry_after":2.5,"global":false}""", new Dictionary<string, string> { ["X-RateLimit-Scope"] = "user", ["Retry-After"] = "3" })
            : null;
        await using var bot = await StartAsync();
        var pass = bot.Host.Services.GetRequiredService<ScheduledEventSync>().RunOnceAsync(CancellationToken.None);
        for (var i = 0; i < 400 && !pass.IsCompleted; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
            _time.Advance(TimeSpan.FromMilliseconds(500));
        }

        await pass;
        await SyncAsync(bot);
        Assert.Equal(2, guild.Live.Count);
        Assert.Equal(3 + 2, Posts());
        Assert.Contains(bot.Logs.Lines, l => l.EventId == 4110);
    }

    [Fact]
    public async Task A_name_of_300_characters_of_unicode_markup_and_everyone_is_cut_whole_and_pings_nobody()
    {
        var guild = _fake.Guilds.Add(GuildId, "PauseAI NL").WithBotRole("r1", ManageEvents);
        var hostile = string.Concat(Enumerable.Repeat("@everyone **Ünïcödé** <@&123> 👩🏽‍💻 [x](https://evil.example) ", 8))[..300];
        await using var bot = await StartAsync();
        var catalog = bot.Host.Services.GetRequiredService<EventCatalog>();
        catalog.SetSource("feed", new CatalogLoadResult([Event("hostile", hostile, new DateTime(2026, 12, 5, 19, 0, 0), hostile)], []));
        await SyncAsync(bot);

        Assert.Empty(_fake.Guilds.SpecProblems);
        var created = guild.Live.Single(e => ((string)e["description"]!).EndsWith("event-id: hostile", StringComparison.Ordinal));
        var name = (string)created["name"]!;
        Assert.InRange(name.Length, 90, 100);
        Assert.EndsWith("…", name, StringComparison.Ordinal);
        foreach (var text in new[] { name, (string)created["description"]!, (string)created["entity_metadata"]!["location"]! })
        {
            Assert.DoesNotContain("@everyone", text, StringComparison.Ordinal);
            Assert.DoesNotContain("<@&", text, StringComparison.Ordinal);
            Assert.False(HasLoneSurrogate(text), text);
        }

        Assert.InRange(((string)created["description"]!).Length, 1, 1000);
        Assert.InRange(((string)created["entity_metadata"]!["location"]!).Length, 1, 100);
    }

    [Fact]
    public async Task Of_a_repeating_series_only_the_next_occurrence_is_listed_and_the_one_after_follows_it()
    {
        var guild = _fake.Guilds.Add(GuildId, "PauseAI NL").WithBotRole("r1", ManageEvents);
        WriteEvents();
        await using var bot = await StartAsync();
        var catalog = bot.Host.Services.GetRequiredService<EventCatalog>();
        catalog.SetSource("feed", new CatalogLoadResult(
        [
            Event("weekly@20261203T1900", "Wekelijks", new DateTime(2026, 12, 3, 19, 0, 0)),
            Event("weekly@20261210T1900", "Wekelijks", new DateTime(2026, 12, 10, 19, 0, 0)),
            Event("weekly@20261217T1900", "Wekelijks", new DateTime(2026, 12, 17, 19, 0, 0)),
        ], []));
        await SyncAsync(bot);
        Assert.Equal(["2026-12-03T18:00:00Z"], guild.Live.Select(e => (string)e["scheduled_start_time"]!));

        // The first one is over: the next takes its place.
        _time.SetUtcNow(new DateTimeOffset(2026, 12, 4, 0, 0, 0, TimeSpan.Zero));
        await SyncAsync(bot);
        Assert.Equal(["2026-12-10T18:00:00Z"], guild.Live.Select(e => (string)e["scheduled_start_time"]!));
    }

    [Fact]
    public async Task The_events_command_in_a_server_shows_how_many_members_are_interested()
    {
        var guild = _fake.Guilds.Add(GuildId, "PauseAI NL").WithBotRole("r1", ManageEvents);
        // No cache: the counts the sync read are stale at once (a clock moved on would stop the fake gateway's heartbeats).
        await using var bot = await StartAsync(new Dictionary<string, string?> { ["Discord:InterestedCacheFor"] = "00:00:00" });
        var connection = await DiscordBotHarness.ConnectAsync(_fake);
        await SyncAsync(bot);
        guild.Interested[(string)guild.Live[0]["id"]!] = 12;
        _time.Advance(TimeSpan.FromSeconds(1));

        await connection.DispatchAsync("INTERACTION_CREATE", 2, Interactions.Command("7001", "events", locale: "en-US"));
        var answer = await _fake.NextRequestAsync(r => r.Path.StartsWith("interactions/7001/", StringComparison.Ordinal));
        var text = answer.Json.GetProperty("data").ToString();
        Assert.Contains("12 people interested", text, StringComparison.Ordinal);
        Assert.Contains(_fake.Requests, r => r.Path == $"guilds/{GuildId}/scheduled-events" && r.Query.Contains("with_user_count=true", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Two_nodes_on_PostgreSQL_make_one_scheduled_event_each_and_only_the_leader_writes()
    {
        TestPostgres.SkipIfAbsent();
        var guild = _fake.Guilds.Add(GuildId, "PauseAI NL").WithBotRole("r1", ManageEvents);
        var database = await TestPostgres.CreateDatabaseAsync();
        var settings = new Dictionary<string, string?> { ["Storage:Provider"] = "Postgres", ["Storage:ConnectionString"] = database };
        await using var a = await StartAsync(settings, "a");
        await using var b = await StartAsync(settings, "b");
        var passes = await Task.WhenAll(
            a.Host.Services.GetRequiredService<ScheduledEventSync>().RunOnceAsync(CancellationToken.None),
            b.Host.Services.GetRequiredService<ScheduledEventSync>().RunOnceAsync(CancellationToken.None),
            a.Host.Services.GetRequiredService<ScheduledEventSync>().RunOnceAsync(CancellationToken.None),
            b.Host.Services.GetRequiredService<ScheduledEventSync>().RunOnceAsync(CancellationToken.None));
        Assert.Equal(2, guild.Live.Count);
        Assert.Equal(2, Posts());
        Assert.Contains(passes, p => !p.Led);

        // The leader stops; the other node takes over and keeps it at one each.
        var leaderIsA = passes[0].Led;
        await (leaderIsA ? a : b).Host.StopAsync();
        guild.Events.Clear();
        var pass = await (leaderIsA ? b : a).Host.Services.GetRequiredService<ScheduledEventSync>().RunOnceAsync(CancellationToken.None);
        Assert.True(pass.Led);
        Assert.Equal(2, guild.Live.Count);
    }

    private async Task<DiscordBotHarness> StartAsync(IDictionary<string, string?>? extra = null, string node = "")
    {
        var settings = new Dictionary<string, string?>
        {
            ["Events:File"] = EventsFile,
            ["Events:Watch"] = "false",
            ["Discord:ScheduledEventSyncInterval"] = "1.00:00:00",
            ["Storage:ConnectionString"] = $"Data Source={StateFile}.db",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return await DiscordBotHarness.StartAsync(_fake, settings, StateFile + node, realCore: true, time: _time);
    }

    private static async Task SyncAsync(DiscordBotHarness bot) =>
        Assert.True((await bot.Host.Services.GetRequiredService<ScheduledEventSync>().RunOnceAsync(CancellationToken.None)).Led);

    private async Task ForgetLinksAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={StateFile}.db");
        await connection.OpenAsync();
        await BotDatabase.ExecuteAsync(connection, null, "DELETE FROM bot_scheduled_events", CancellationToken.None);
    }

    private int Posts() => _fake.Requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/scheduled-events", StringComparison.Ordinal));

    private int ScheduledEventWrites() => _fake.Requests.Count(r => r.Method != "GET" && r.Path.Contains("/scheduled-events", StringComparison.Ordinal));

    private void WriteEvents(params string[] entries) =>
        File.WriteAllText(EventsFile, "events:\n" + string.Concat(entries));

    private static string Meetup(string id, string title, string start, string? end) => $"""
          - id: {id}
            kind: protest
            title:
              nl: {title}
              en: {title}
            start: {start}
        {(end is null ? string.Empty : $"    end: {end}\n")}    timezone: Europe/Amsterdam
            location: Amsterdam
            link: https://pauseai.info/{id}

        """;

    private static BotEvent Event(string id, string title, DateTime start, string location = "Amsterdam") =>
        new(id, EventKind.Protest, new LocalizedText(title, title), start, start.AddHours(2), TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam"), location, new Uri("https://pauseai.info/" + Uri.EscapeDataString(id)), null);

    private static string ReplyText(Bot.Core.Replies.Reply reply) =>
        string.Join("\n", reply.Body.SelectMany(b => Markdig.Syntax.MarkdownObjectExtensions.Descendants<Markdig.Syntax.Inlines.LiteralInline>(b)).Select(l => l.Content.ToString()));

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && (i + 1 >= text.Length || !char.IsLowSurrogate(text[++i])))
            {
                return true;
            }

            if (char.IsLowSurrogate(text[i]) && (i == 0 || !char.IsHighSurrogate(text[i - 1])))
            {
                return true;
            }
        }

        return false;
    }

    private static async Task WaitUntilAsync(Func<bool> done)
    {
        for (var i = 0; i < 200 && !done(); i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
        }

        Assert.True(done());
    }
}
