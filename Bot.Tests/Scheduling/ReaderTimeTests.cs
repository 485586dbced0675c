using Bot.Core.Delivery;
using Bot.Core.Events;
using Bot.Core.Kernel;
using Bot.Core.Replies;
using Bot.Core.Scheduling;
using Bot.Core.Storage;
using Bot.Discord;
using Bot.Discord.Rendering;
using Bot.Telegram;
using Bot.Telegram.Rendering;
using Bot.Tests.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Bot.Tests.Scheduling;

/// <summary>
/// Posts the bot sends on its own (reminders, the live countdown) show times as each reader sees them: in a private
/// chat the zone the member chose with <c>/tijdzone</c>, in a group the event's zone, on Discord a timestamp.
/// </summary>
public sealed class ReaderTimeTests : IAsyncLifetime, IDisposable
{
    // Paris is still on winter time (UTC+1) on 20 March 2026; New York has been on summer time (UTC-4) since 8 March.
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private static readonly BotEvent Demo = new("demo", EventKind.Protest, new LocalizedText("Demo Parijs", "Demo Paris"), new DateTime(2026, 3, 20, 19, 0, 0), new DateTime(2026, 3, 20, 21, 0, 0), Paris, "Place de la République", null, null);
    private static readonly ChatAddress NewYorker = new(TelegramPlatform.Id, "7", ChatKind.Private);
    private static readonly ChatAddress Londoner = new(TelegramPlatform.Id, "9", ChatKind.Private);
    private static readonly ChatAddress Garbage = new(TelegramPlatform.Id, "8", ChatKind.Private);
    private static readonly ChatAddress Group = new(TelegramPlatform.Id, "-1007", ChatKind.Group);
    private static readonly ChatAddress DiscordDm = new(DiscordPlatform.Id, "7", ChatKind.Private);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 19, 18, 0, 0, TimeSpan.Zero));
    private readonly TempSqlite _temp = new();
    private readonly EventCatalog _catalog = new(NullLogger<EventCatalog>.Instance);
    private BotDatabase _database = null!;
    private UserZoneStore _zones = null!;

    public async Task InitializeAsync()
    {
        _catalog.SetSource("file", new CatalogLoadResult([Demo], []));
        _database = _temp.Open(_time);
        await _database.InitializeAsync(CancellationToken.None);
        _zones = new UserZoneStore(_database, _time);
        await _zones.SetAsync(TelegramPlatform.Id, "7", "America/New_York", CancellationToken.None);
        await _zones.SetAsync(TelegramPlatform.Id, "9", "Europe/London", CancellationToken.None);
        await _zones.SetAsync(DiscordPlatform.Id, "7", "America/New_York", CancellationToken.None);

        // A choice stored by an older release whose zone this system no longer knows (or never did).
        await _zones.SetAsync(TelegramPlatform.Id, "8", "Mars/Olympus", CancellationToken.None);
        await _zones.SetAsync(TelegramPlatform.Id, "-1007", "Asia/Tokyo", CancellationToken.None);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_reminder_in_a_private_chat_shows_the_members_zone_across_dst_and_a_group_the_events_zone()
    {
        var subscriptions = new SubscriptionStore(_database, _time);
        foreach (var chat in new[] { NewYorker, Londoner, Garbage, Group, DiscordDm })
        {
            await subscriptions.UpsertAsync(new Subscription(chat, SubscriptionTopics.All, UiLanguage.Nl), "test", CancellationToken.None);
        }

        var poster = new ReminderPoster(_catalog, subscriptions, new OutboxStore(_database, _time), new DeliverySignal(), new ReaderZones(_zones),
            new StaticOptionsMonitor<RemindersOptions>(new RemindersOptions()), _time, NullLogger<ReminderPoster>.Instance);
        Assert.Equal(5, await poster.PostAsync("demo", CancellationToken.None));

        var posts = await PayloadsAsync(p => OutboxPayload.Read<ReminderPost>(p).ToReply());
        Assert.Contains("vrijdag 20 maart 2026, 14:00 New Yorkse tijd", Telegram(posts[NewYorker]), StringComparison.Ordinal);
        Assert.Contains("vrijdag 20 maart 2026, 18:00 Londense tijd", Telegram(posts[Londoner]), StringComparison.Ordinal);
        Assert.Contains("vrijdag 20 maart 2026, 19:00 Parijse tijd", Telegram(posts[Garbage]), StringComparison.Ordinal);
        Assert.Contains("vrijdag 20 maart 2026, 19:00 Parijse tijd", Telegram(posts[Group]), StringComparison.Ordinal);
        Assert.All(posts.Values.Select(Telegram), text => Assert.DoesNotContain("/", text.Replace("</", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal));

        var unix = new DateTimeOffset(2026, 3, 20, 18, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        var discord = Discord(posts[DiscordDm]);
        Assert.Contains($"<t:{unix}:F> (<t:{unix}:R>)", discord, StringComparison.Ordinal);
        Assert.DoesNotContain("tijd", discord, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_countdown_in_a_private_chat_shows_the_members_zone_and_in_a_group_the_events_zone()
    {
        var countdowns = new CountdownStore(_database, _time);
        await countdowns.AddAsync(NewYorker, UiLanguage.En, "test", CancellationToken.None);
        await countdowns.AddAsync(Group, UiLanguage.En, "test", CancellationToken.None);
        await countdowns.AddAsync(Garbage, UiLanguage.En, "test", CancellationToken.None);
        var ticker = new CountdownTicker(countdowns, new OutboxStore(_database, _time), _catalog, new DeliverySignal(), new ReaderZones(_zones), _time, NullLogger<CountdownTicker>.Instance);

        await ticker.SyncAsync(CancellationToken.None);

        var posts = await PayloadsAsync(p => OutboxPayload.Read<CountdownPost>(p).ToReply(), CountdownPost.Kind);
        Assert.Contains("Friday 20 March 2026, 2:00 pm New York time", Telegram(posts[NewYorker]), StringComparison.Ordinal);
        Assert.Contains("Friday 20 March 2026, 7:00 pm Paris time", Telegram(posts[Group]), StringComparison.Ordinal);
        Assert.Contains("Friday 20 March 2026, 7:00 pm Paris time", Telegram(posts[Garbage]), StringComparison.Ordinal);
    }

    private async Task<Dictionary<ChatAddress, Reply>> PayloadsAsync(Func<string, Reply> read, string? kind = null)
    {
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        await using var command = BotDatabase.Command(connection, null, "SELECT platform, chat_id, chat_kind, payload, payload_kind FROM bot_outbox");
        await using var reader = await command.ExecuteReaderAsync(CancellationToken.None);
        var result = new Dictionary<ChatAddress, Reply>();
        while (await reader.ReadAsync(CancellationToken.None))
        {
            if (kind is null || reader.GetString(4) == kind)
            {
                result[new ChatAddress(new PlatformId(reader.GetString(0)), reader.GetString(1), Enum.Parse<ChatKind>(reader.GetString(2)))] = read(reader.GetString(3));
            }
        }

        return result;
    }

    private static string Telegram(Reply reply) => string.Concat(TelegramReplyMapper.Map(reply, UiLanguage.Nl).Select(m => m.Html));

    private static string Discord(Reply reply) =>
        string.Concat(DiscordReplyMapper.Map(reply, UiLanguage.Nl).Select(m => m.Content + string.Concat(m.Embeds?.Select(e => e.Description) ?? [])));
}
