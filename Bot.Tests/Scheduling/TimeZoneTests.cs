using Bot.Core.Commands;
using Bot.Core.Events;
using Bot.Core.Kernel;
using Bot.Core.Replies.PlainText;
using Bot.Core.Storage;
using Bot.Discord.Rendering;
using Bot.Telegram;
using Bot.Tests.Storage;
using Bot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Bot.Tests.Scheduling;

/// <summary>Times as each reader sees them: zones in words, <c>/tijdzone</c> stored per member, and private chats shown in it.</summary>
public sealed class TimeZoneTests : IAsyncLifetime, IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 29, 8, 0, 0, TimeSpan.Zero));
    private readonly TempSqlite _temp = new();
    private readonly EventCatalog _catalog = new(NullLogger<EventCatalog>.Instance, Path.Combine(TestPaths.Content, "events.yaml"));
    private readonly UiTexts _texts = new();
    private BotDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _catalog.Reload();
        _database = _temp.Open(_time);
        await _database.InitializeAsync(CancellationToken.None);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("Europe/Amsterdam", UiLanguage.Nl, "Amsterdamse tijd")]
    [InlineData("Europe/London", UiLanguage.En, "London time")]
    [InlineData("Europe/London", UiLanguage.Nl, "Londense tijd")]
    [InlineData("Asia/Seoul", UiLanguage.Nl, "Koreaanse tijd")]
    [InlineData("Asia/Kolkata", UiLanguage.En, "India time")]
    [InlineData("Asia/Singapore", UiLanguage.Nl, "tijd in Singapore")]
    [InlineData("America/Argentina/Buenos_Aires", UiLanguage.En, "Buenos Aires time")]
    [InlineData("Asia/Kathmandu", UiLanguage.Nl, "tijd in Kathmandu")]
    [InlineData("UTC", UiLanguage.En, "UTC")]
    public void A_zone_is_said_in_words_never_as_its_id(string id, UiLanguage language, string words) =>
        Assert.Equal(words, ZoneNames.InWords(TimeZoneInfo.FindSystemTimeZoneById(id), language));

    [Theory]
    [InlineData("Londen", "Europe/London")]
    [InlineData("london", "Europe/London")]
    [InlineData("Europe/London", "Europe/London")]
    [InlineData("europe/paris", "Europe/Paris")]
    [InlineData("Parijs", "Europe/Paris")]
    [InlineData("sao paulo", "America/Sao_Paulo")]
    [InlineData("Reykjavík", "Atlantic/Reykjavik")]
    [InlineData("Bogotá", "America/Bogota")]
    [InlineData("New York", "America/New_York")]
    [InlineData("nederland", "Europe/Amsterdam")]
    [InlineData("Kathmandu", "Asia/Kathmandu")]
    [InlineData("Wenen", "Europe/Vienna")]
    public void Cities_in_dutch_and_english_and_iana_ids_are_understood(string typed, string id)
    {
        Assert.True(ZoneNames.TryResolve(typed, out var zone));
        Assert.Equal(id, zone.Id);
    }

    [Theory]
    [InlineData("Amsterdm")]
    [InlineData("Mars/Olympus")]
    [InlineData("<b>@everyone</b>")]
    [InlineData("")]
    public void Unknown_input_is_refused(string typed) => Assert.False(ZoneNames.TryResolve(typed, out _));

    [Fact]
    public async Task Timezone_round_trips_and_changes_how_times_show_in_private_chats_only()
    {
        var store = new UserZoneStore(_database, _time);
        var zones = new ReaderZones(store);
        var command = new TimeZoneHandler(store, _texts, _time);
        var countdown = new CountdownHandler(_catalog, _texts, _time, zones);
        var events = new EventsHandler(_catalog, _texts, _time, Options.Create(new EventsOptions()), [], zones);

        var none = await command.HandleAsync(Request("tijdzone", string.Empty), CancellationToken.None);
        Assert.Contains("geen eigen tijdzone", Text(none), StringComparison.Ordinal);
        Assert.Contains("09:00 Parijse tijd", Text(await countdown.HandleAsync(Request("aftellen", "paris-2025"), CancellationToken.None)), StringComparison.Ordinal);

        var set = await command.HandleAsync(Request("tijdzone", "Londen"), CancellationToken.None);
        Assert.False(set.IsError);
        Assert.True(set.Private);
        Assert.Contains("Je tijdzone is nu Londen (Londense tijd, nu 08:00)", Text(set), StringComparison.Ordinal);
        Assert.Contains("Je tijdzone: Londen", Text(await command.HandleAsync(Request("tijdzone", string.Empty), CancellationToken.None)), StringComparison.Ordinal);

        // In the member's private chat: London; in a group: still the event's own zone.
        Assert.Contains("maandag 10 februari 2025, 08:00 Londense tijd · Grand Palais", Text(await countdown.HandleAsync(Request("aftellen", "paris-2025"), CancellationToken.None)), StringComparison.Ordinal);
        Assert.Contains("10–11 februari 2025, 08:00 Londense tijd (over 12 dagen)", Text(await events.HandleAsync(Request("events", string.Empty), CancellationToken.None)), StringComparison.Ordinal);
        Assert.Contains("09:00 Parijse tijd", Text(await countdown.HandleAsync(Request("aftellen", "paris-2025", ChatKind.Group), CancellationToken.None)), StringComparison.Ordinal);

        // English, the alias, and an IANA id; then forgetting it.
        var english = await command.HandleAsync(Request("timezone", "America/New_York", locale: "en"), CancellationToken.None);
        Assert.Contains("Your time zone is now New York (New York time, now 3:00 am)", Text(english), StringComparison.Ordinal);
        Assert.Contains("Monday 10 February 2025, 3:00 am New York time", Text(await countdown.HandleAsync(Request("countdown", "paris-2025", locale: "en"), CancellationToken.None)), StringComparison.Ordinal);
        Assert.Contains("gewist", Text(await command.HandleAsync(Request("tijdzone", "uit"), CancellationToken.None)), StringComparison.Ordinal);
        Assert.Contains("09:00 Parijse tijd", Text(await countdown.HandleAsync(Request("aftellen", "paris-2025"), CancellationToken.None)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_zone_gets_a_clear_error_with_suggestions_and_changes_nothing()
    {
        var store = new UserZoneStore(_database, _time);
        var command = new TimeZoneHandler(store, _texts, _time);

        var wrong = await command.HandleAsync(Request("tijdzone", "Amsterdm"), CancellationToken.None);
        Assert.True(wrong.IsError);
        Assert.Contains("De tijdzone 'Amsterdm' ken ik niet. Bedoel je Amsterdam", Text(wrong), StringComparison.Ordinal);
        var english = await command.HandleAsync(Request("timezone", "Lundon", locale: "en"), CancellationToken.None);
        Assert.Contains("I don't know the time zone 'Lundon'. Did you mean London", Text(english), StringComparison.Ordinal);
        Assert.Null(await store.GetAsync(TelegramPlatform.Id, "7", CancellationToken.None));
    }

    [Fact]
    public async Task Discord_gets_timestamps_in_the_events_list_and_the_countdown()
    {
        var events = new EventsHandler(_catalog, _texts, _time, Options.Create(new EventsOptions()), []);
        var countdown = new CountdownHandler(_catalog, _texts, _time);
        var paris = new DateTimeOffset(2025, 2, 10, 8, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

        var list = Discord(await events.HandleAsync(Request("events", string.Empty), CancellationToken.None));
        Assert.Contains($"<t:{paris}:F> (<t:{paris}:R>)", list, StringComparison.Ordinal);
        Assert.DoesNotContain("Parijse tijd", list, StringComparison.Ordinal);
        var past = Discord(await countdown.HandleAsync(Request("aftellen", "seoul-2024"), CancellationToken.None));
        Assert.Contains(":F> (<t:", past, StringComparison.Ordinal);
        Assert.DoesNotContain("geleden", past, StringComparison.Ordinal);
    }

    private static CommandRequest Request(string command, string arguments, ChatKind kind = ChatKind.Private, string locale = "nl") =>
        new(command, arguments, new UserRef("7", "Ann"), new ChatAddress(TelegramPlatform.Id, kind == ChatKind.Private ? "7" : "-1001", kind), locale);

    private static string Text(Bot.Core.Replies.Reply reply) => PlainTextReplyFormatter.Format(reply);

    private static string Discord(Bot.Core.Replies.Reply reply) =>
        string.Concat(DiscordReplyMapper.Map(reply, UiLanguage.Nl).Select(m => m.Content + string.Concat(m.Embeds?.Select(e => e.Description) ?? [])));
}
