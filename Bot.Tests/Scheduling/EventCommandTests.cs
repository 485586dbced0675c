using Bot.Core.Commands;
using Bot.Core.Events;
using Bot.Core.Kernel;
using Bot.Core.Replies;
using Bot.Core.Replies.PlainText;
using Bot.Core.Scheduling;
using Bot.Core.Storage;
using Bot.Discord;
using Bot.Discord.Rendering;
using Bot.Host;
using Bot.Telegram;
using Bot.Tests.Storage;
using Bot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Bot.Tests.Scheduling;

public sealed class EventCommandTests : IAsyncLifetime, IDisposable
{
    // 29 January 2025 09:00 UTC: Paris is 12 days ahead, Seoul was months ago.
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

    private static CommandRequest Request(string command, string arguments = "", string locale = "nl", ChatKind kind = ChatKind.Private, PlatformId? platform = null) =>
        new(command, arguments, new UserRef("7", "Ann"), new ChatAddress(platform ?? TelegramPlatform.Id, platform == ConsolePlatform.Id ? "console" : "-1001", kind), locale);

    /// <summary>A router over the subscription commands; Ann (7) moderates Telegram group -1001 when <paramref name="moderator"/>.</summary>
    private CommandRouter SubscriptionRouter(SubscriptionStore store, bool moderator)
    {
        var telegram = new FakeModeratorCheck(TelegramPlatform.Id);
        telegram.Set(new ChatAddress(TelegramPlatform.Id, "-1001", ChatKind.Group), "7", moderator);
        return TestRouter.Create(_database, _time, [new SubscribeHandler(store, _texts), new UnsubscribeHandler(store, _texts), new SubscriptionsHandler(store, _texts, TestPlatforms.Directory)], telegram);
    }

    private static string Text(Reply reply) => PlainTextReplyFormatter.Format(reply);

    [Fact]
    public async Task Events_lists_upcoming_first_then_recent_past_with_relative_times_in_dutch()
    {
        var handler = new EventsHandler(_catalog, _texts, _time, Options.Create(new EventsOptions()), []);

        var text = Text(await handler.HandleAsync(Request("events"), CancellationToken.None));

        var upcoming = text.IndexOf("Binnenkort", StringComparison.Ordinal);
        var recent = text.IndexOf("Onlangs", StringComparison.Ordinal);
        Assert.True(upcoming >= 0 && recent > upcoming, text);
        Assert.Contains("AI Action Summit in Parijs (https://pauseai.info/summit) — 10–11 februari 2025, 09:00 Parijse tijd (over 12 dagen) · Grand Palais, Parijs / Paris", text, StringComparison.Ordinal);
        Assert.Contains("(over 9 dagen)", text, StringComparison.Ordinal);
        Assert.Contains("Bijeenkomsten over AI-veiligheid in San Francisco", text[recent..], StringComparison.Ordinal);
        Assert.Contains("geleden", text[recent..], StringComparison.Ordinal);
        Assert.DoesNotContain("Bletchley", text, StringComparison.Ordinal); // only the 3 most recent past events
    }

    [Fact]
    public async Task When_nothing_is_planned_events_and_countdown_name_where_the_community_lists_its_events()
    {
        _time.Advance(TimeSpan.FromDays(3 * 365)); // every event in the file has taken place
        var options = Options.Create(new EventsOptions { AllEventsUrl = new Uri("https://lu.ma/PauseAI") });

        var events = Text(await new EventsHandler(_catalog, _texts, _time, options, []).HandleAsync(Request("events"), CancellationToken.None));
        var countdown = Text(await new CountdownHandler(_catalog, _texts, _time, options: options).HandleAsync(Request("aftellen", locale: "en"), CancellationToken.None));
        var unset = Text(await new EventsHandler(_catalog, _texts, _time, Options.Create(new EventsOptions()), []).HandleAsync(Request("events"), CancellationToken.None));

        Assert.Contains("Er staan op dit moment geen evenementen gepland. Lokale bijeenkomsten en acties staan op lu.ma (https://lu.ma/PauseAI).", events, StringComparison.Ordinal);
        Assert.Contains("No events are planned at the moment. See /events for past ones. Local meetings and actions are listed at lu.ma (https://lu.ma/PauseAI).", countdown, StringComparison.Ordinal);
        Assert.DoesNotContain("lu.ma", unset, StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_of_all_events_that_is_not_a_web_address_is_one_clear_problem()
    {
        var result = new EventsOptionsValidator().Validate(null, new EventsOptions { AllEventsUrl = new Uri("ftp://example.org/") });

        Assert.Equal("Events:AllEventsUrl must be an http(s) URL such as https://lu.ma/PauseAI, or left out (was 'ftp://example.org/').", Assert.Single(result.Failures!));
    }

    [Fact]
    public async Task Events_speaks_english_for_english_locales()
    {
        _time.Advance(TimeSpan.FromDays(33)); // 3 March 2025: Paris was 3 weeks ago
        var handler = new EventsHandler(_catalog, _texts, _time, Options.Create(new EventsOptions()), []);

        var text = Text(await handler.HandleAsync(Request("events", locale: "en-GB"), CancellationToken.None));

        Assert.Contains("Upcoming", text, StringComparison.Ordinal);
        Assert.Contains("AI Action Summit in Paris (https://pauseai.info/summit) — 10–11 February 2025", text, StringComparison.Ordinal);
        Assert.Contains("(3 weeks ago)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Countdown_gives_days_and_hours_to_the_next_or_named_event_or_when_it_took_place()
    {
        var handler = new CountdownHandler(_catalog, _texts, _time);

        var next = Text(await handler.HandleAsync(Request("aftellen"), CancellationToken.None));
        Assert.StartsWith("Nog 8 dagen en 15 uur tot Internationale protesten rond de AI Action Summit in Parijs", next, StringComparison.Ordinal);

        var named = Text(await handler.HandleAsync(Request("countdown", "paris-2025", "en"), CancellationToken.None));
        Assert.StartsWith("12 days until AI Action Summit in Paris", named, StringComparison.Ordinal);
        Assert.Contains("Monday 10 February 2025, 9:00 am Paris time", named, StringComparison.Ordinal);

        var past = Text(await handler.HandleAsync(Request("aftellen", "seoul"), CancellationToken.None));
        Assert.StartsWith("AI Seoul Summit vond plaats op 21–22 mei 2024 (8 maanden geleden).", past, StringComparison.Ordinal);

        var unknown = await handler.HandleAsync(Request("aftellen", "atlantis"), CancellationToken.None);
        Assert.True(unknown.IsError);
        Assert.NotEmpty(unknown.Choices);
    }

    [Fact]
    public async Task The_start_time_travels_as_an_instant_for_discord_and_as_local_text_elsewhere()
    {
        var handler = new CountdownHandler(_catalog, _texts, _time);

        var reply = await handler.HandleAsync(Request("aftellen", "paris-2025"), CancellationToken.None);

        var time = reply.Body.OfType<Markdig.Syntax.ParagraphBlock>().SelectMany(p => p.Inline!).OfType<EventTimeInline>().Single();
        Assert.Equal(new DateTimeOffset(2025, 2, 10, 8, 0, 0, TimeSpan.Zero), time.Instant);
        Assert.Equal("<t:1739174400:F>", DiscordTimestamp.Full(time.Instant));
        Assert.Contains("maandag 10 februari 2025, 09:00 Parijse tijd · Grand Palais", Bot.Core.Replies.PlainText.PlainTextReplyFormatter.Format(reply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscribing_in_a_group_needs_a_moderator_but_private_chats_and_the_console_may()
    {
        var store = new SubscriptionStore(_database, _time);
        var member = SubscriptionRouter(store, moderator: false);
        var moderator = SubscriptionRouter(store, moderator: true);

        var refused = await member.RouteAsync(Request("abonneer", "summits", kind: ChatKind.Group), CancellationToken.None);
        Assert.True(refused.IsError);
        Assert.Empty(await store.ListAsync(CancellationToken.None));

        await moderator.RouteAsync(Request("abonneer", "summits", kind: ChatKind.Group), CancellationToken.None);
        await member.RouteAsync(Request("subscribe", "protests", "en", ChatKind.Private, platform: DiscordPlatform.Id), CancellationToken.None);
        await member.RouteAsync(Request("abonneer", string.Empty, platform: ConsolePlatform.Id), CancellationToken.None);

        var all = await store.ListAsync(CancellationToken.None);
        Assert.Equal(3, all.Count);
        Assert.Equal(SubscriptionTopics.Summits, all.Single(s => s.Chat.Platform == TelegramPlatform.Id).Topics);
        Assert.Equal(UiLanguage.En, all.Single(s => s.Chat.Platform == DiscordPlatform.Id).Language);
        Assert.Equal(SubscriptionTopics.All, all.Single(s => s.Chat.Platform == ConsolePlatform.Id).Topics);

        var bad = await moderator.RouteAsync(Request("abonneer", "cats"), CancellationToken.None);
        Assert.True(bad.IsError);
    }

    [Fact]
    public async Task Subscriptions_are_listed_and_can_be_cancelled()
    {
        var store = new SubscriptionStore(_database, _time);
        var member = SubscriptionRouter(store, moderator: false);
        var moderator = SubscriptionRouter(store, moderator: true);
        await moderator.RouteAsync(Request("abonneer", "protests", kind: ChatKind.Group), CancellationToken.None);

        Assert.Contains("Dit kanaal krijgt herinneringen voor protesten, in het Nederlands.", Text(await member.RouteAsync(Request("abonnementen", kind: ChatKind.Group), CancellationToken.None)), StringComparison.Ordinal);
        Assert.True((await member.RouteAsync(Request("opzeggen", kind: ChatKind.Group), CancellationToken.None)).IsError);
        Assert.Contains("Opgezegd", Text(await moderator.RouteAsync(Request("opzeggen", kind: ChatKind.Group), CancellationToken.None)), StringComparison.Ordinal);
        Assert.Contains("Geen abonnementen", Text(await member.RouteAsync(Request("abonnementen", kind: ChatKind.Group), CancellationToken.None)), StringComparison.Ordinal);
    }

    [Fact]
    public void Command_names_and_aliases_register_without_clashes()
    {
        var store = new SubscriptionStore(_database, _time);
        var registry = new CommandRegistry(
        [
            new EventsHandler(_catalog, _texts, _time, Options.Create(new EventsOptions()), []),
            new CountdownHandler(_catalog, _texts, _time),
            new SubscribeHandler(store, _texts),
            new UnsubscribeHandler(store, _texts),
            new SubscriptionsHandler(store, _texts, TestPlatforms.Directory),
        ]);

        foreach (var name in new[] { "events", "aftellen", "countdown", "abonneer", "subscribe", "opzeggen", "unsubscribe", "abonnementen", "subscriptions" })
        {
            Assert.True(registry.TryGet(name, out _), name);
        }
    }

    [Fact]
    public async Task The_schedule_printout_shows_each_reminder_in_local_time_and_its_chats()
    {
        await new SubscriptionStore(_database, _time).UpsertAsync(new Subscription(new ChatAddress(TelegramPlatform.Id, "-1001", ChatKind.Group), SubscriptionTopics.Summits, UiLanguage.Nl), "t", CancellationToken.None);
        var cli = new EventsCli(_catalog, new StaticOptionsMonitor<RemindersOptions>(new RemindersOptions()), _database, _time, new EventCalendar(_catalog, new CalendarSequenceStore(_database, _time), _time));
        using var output = new StringWriter();

        Assert.Equal(0, await cli.PrintScheduleAsync(output, CancellationToken.None));

        var text = output.ToString();
        Assert.Contains("3 upcoming events, 4 past; 1 subscribed chats.", text, StringComparison.Ordinal);
        Assert.Contains("offset-7d    2025-02-03 09:00 Europe/Paris (2025-02-03 08:00 UTC) -> Telegram:-1001", text, StringComparison.Ordinal);
        Assert.Contains("offset-1h    2026-02-16 08:00 Asia/Kolkata (2026-02-16 02:30 UTC) -> Telegram:-1001", text, StringComparison.Ordinal);
        Assert.Contains("offset-1d    2025-02-06 00:00 Europe/Paris (2025-02-05 23:00 UTC) -> (no subscribed chats)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_catalog_exports_as_icalendar_with_time_zones()
    {
        var ics = EventCalendar.Write(_catalog.All, new Dictionary<string, CalendarRevision>(), UiLanguage.En, null, _time.GetUtcNow());

        var parsed = Ical.Net.Calendar.Load(ics)!;
        Assert.Equal(7, parsed.Events.Count);
        var paris = parsed.Events.Single(e => e.Uid == "paris-2025@pauseai-bot");
        Assert.Equal("AI Action Summit in Paris", paris.Summary);
        Assert.Equal("Europe/Paris", paris.DtStart!.TzId);
        Assert.Equal(new DateTime(2025, 2, 10, 9, 0, 0), paris.DtStart.Value);
        Assert.Contains("BEGIN:VTIMEZONE", ics, StringComparison.Ordinal);
        Assert.Contains("TZID:Asia/Kolkata", ics, StringComparison.Ordinal);
    }
}
