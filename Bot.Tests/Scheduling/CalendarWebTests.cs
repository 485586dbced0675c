using System.Net;
using System.Net.Sockets;
using Bot.Core.Commands;
using Bot.Core.Events;
using Bot.Core.Hosting;
using Bot.Core.Kernel;
using Bot.Core.Replies.PlainText;
using Bot.Core.Scheduling;
using Bot.Core.Storage;
using Bot.Host;
using Bot.Tests.Host;
using Bot.Tests.Storage;
using Bot.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Bot.Tests.Scheduling;

/// <summary>The calendar link: the real Bot.Host composition with <c>Web:Urls</c>, read back by Ical.Net and by an RFC 5545 validator.</summary>
[Collection(nameof(ProgramTests))] // builds the host from the repository's working folder
public sealed class CalendarWebTests : IAsyncLifetime, IDisposable
{
    private readonly TempSqlite _temp = new();
    private LoopbackFeed _feed = null!;

    public async Task InitializeAsync() => _feed = await LoopbackFeed.StartAsync(RecurrenceTests.Fixture("weekly-meetup.ics"));

    public async Task DisposeAsync() => await _feed.DisposeAsync();

    public void Dispose() => _temp.Dispose();

    /// <summary>A terminal whose user never types: the chat waits until the host stops.</summary>
    private sealed class SilentInput : TextReader
    {
        public override async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, cancellationToken);
            return null;
        }
    }

    private IHost Build(params string[] extra)
    {
        var previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = TestPaths.RepoRoot;
        try
        {
            string[] args = [$"--Storage:ConnectionString={_temp.ConnectionString}", $"--Events:Feeds:0:Url={_feed.Url}", "--Events:Feeds:0:Kind=Other", "--Events:Watch=false", .. extra];
            return BotProgram.Build(HostCommandLine.Parse(args), new SilentInput(), TextWriter.Null);
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }

    [Fact]
    public async Task Events_ics_is_valid_icalendar_with_the_catalogs_instants_per_kind_and_sequence_goes_up_on_a_change()
    {
        using var host = Build("--Web:Urls=http://127.0.0.1:0");
        var app = Assert.IsType<WebApplication>(host);
        await app.StartAsync();
        try
        {
            var catalog = host.Services.GetRequiredService<EventCatalog>();
            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
            for (var i = 0; i < 100 && !catalog.All.Any(e => e.SeriesId is not null); i++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System, CancellationToken.None);
            }

            using var response = await http.GetAsync(new Uri("/events.ics", UriKind.Relative));
            var text = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/calendar; charset=utf-8", response.Content.Headers.ContentType!.ToString());
            Assert.Empty(Rfc5545Validator.Validate(text));

            // A calendar client's reading: every event and occurrence once, at the catalog's instants.
            var read = Ical.Net.Calendar.Load(text)!;
            Assert.Equal(catalog.All.Length, read.Events.Count);
            Assert.True(catalog.All.Count(e => e.SeriesId == "feed-meetup-pauseai.nl") >= 4);
            foreach (var e in catalog.All)
            {
                var item = read.Events.Single(x => x.Uid == e.Id + "@pauseai-bot");
                Assert.Equal(e.StartUtc.UtcDateTime, item.DtStart!.AsUtc);
                Assert.Equal(e.EndUtc.UtcDateTime, item.DtEnd!.AsUtc);
                Assert.Equal(0, item.Sequence);
            }

            Assert.Contains("TZID:Europe/Amsterdam", text, StringComparison.Ordinal);
            Assert.Contains("SUMMARY:<b>Flyeren</b> in Zwolle ✊ — café «De Ĳssel» @everyone", Unfold(text), StringComparison.Ordinal);
            Assert.Contains("SUMMARY:AI Action Summit in Parijs", Unfold(text), StringComparison.Ordinal); // Dutch unless ?lang=en
            Assert.Contains("SUMMARY:AI Action Summit in Paris", Unfold(await http.GetStringAsync(new Uri("/events.ics?lang=en", UriKind.Relative))), StringComparison.Ordinal);

            // One kind: by path or by query; an unknown kind is 404.
            var summits = Ical.Net.Calendar.Load(await http.GetStringAsync(new Uri("/events/summit.ics", UriKind.Relative)))!;
            Assert.Equal(catalog.All.Count(e => e.Kind == EventKind.Summit), summits.Events.Count);
            Assert.All(summits.Events, e => Assert.DoesNotContain("feed-", e.Uid, StringComparison.Ordinal));
            var other = Ical.Net.Calendar.Load(await http.GetStringAsync(new Uri("/events.ics?kind=other", UriKind.Relative)))!;
            Assert.All(other.Events, e => Assert.StartsWith("feed-", e.Uid, StringComparison.Ordinal));
            using var unknown = await http.GetAsync(new Uri("/events/party.ics", UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

            // Paris moves an hour: its SEQUENCE becomes 1 (stored), the others stay 0, and it stays 1.
            var paris = catalog.FindDefinition("paris-2025")!;
            catalog.SetEdits([paris with { StartLocal = paris.StartLocal.AddHours(1) }], []);
            for (var round = 0; round < 2; round++)
            {
                var again = Ical.Net.Calendar.Load(await http.GetStringAsync(new Uri("/events.ics", UriKind.Relative)))!;
                Assert.Equal(1, again.Events.Single(e => e.Uid == "paris-2025@pauseai-bot").Sequence);
                Assert.All(again.Events.Where(e => e.Uid != "paris-2025@pauseai-bot"), e => Assert.Equal(0, e.Sequence));
            }
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public void Without_web_urls_the_terminal_chat_needs_no_port()
    {
        using var host = Build();

        Assert.IsNotType<WebApplication>(host);
    }

    [Fact]
    public async Task A_taken_port_or_a_bad_setting_is_one_line_and_exit_code_one()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var previous = Environment.CurrentDirectory;
            Environment.CurrentDirectory = TestPaths.RepoRoot;
            using var error = new StringWriter();
            int code;
            try
            {
                code = await BotProgram.RunAsync([$"--Web:Urls=http://127.0.0.1:{port}", TestPaths.OwnDatabaseArgument()], new SilentInput(), TextWriter.Null, error)
                    .WaitAsync(TimeSpan.FromSeconds(60), TimeProvider.System);
            }
            finally
            {
                Environment.CurrentDirectory = previous;
            }

            Assert.Equal(1, code);
            var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith($"Web:Urls / Operations:Urls / Urls: Failed to bind to address http://127.0.0.1:{port}", line, StringComparison.Ordinal);
        }
        finally
        {
            listener.Stop();
        }

        var bad = await ProgramTests.RunAsync(["--Web:Urls=tcp://nowhere", "--Web:PublicUrl=/relative", TestPaths.OwnDatabaseArgument()]);
        Assert.Equal(1, bad.Code);
        Assert.Contains("Web:Urls must be http(s) addresses to listen on", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_public_url_events_and_subscribe_give_the_calendar_link()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 10, 12, 12, 0, 0, TimeSpan.Zero));
        var web = Options.Create(new WebOptions { PublicUrl = new Uri("https://bot.pauseai.nl/") });
        var catalog = new EventCatalog(NullLogger<EventCatalog>.Instance, time: time);
        var texts = new UiTexts();
        var request = new CommandRequest("events", string.Empty, new UserRef("1", "Ann"), ConsolePlatform.Chat, "en");

        var events = PlainTextReplyFormatter.Format(await new EventsHandler(catalog, texts, time, Options.Create(new EventsOptions()), [], web: web).HandleAsync(request, CancellationToken.None));
        var without = PlainTextReplyFormatter.Format(await new EventsHandler(catalog, texts, time, Options.Create(new EventsOptions()), []).HandleAsync(request, CancellationToken.None));
        await using var database = _temp.Open(time);
        await database.InitializeAsync(CancellationToken.None);
        var subscribe = new SubscribeHandler(new SubscriptionStore(database, time), texts, web);
        var all = PlainTextReplyFormatter.Format(await subscribe.HandleAsync(request with { Command = "abonneer" }, CancellationToken.None));
        var summits = PlainTextReplyFormatter.Format(await subscribe.HandleAsync(request with { Command = "abonneer", Arguments = "summits" }, CancellationToken.None));

        Assert.Contains("In your own calendar: https://bot.pauseai.nl/events.ics", events, StringComparison.Ordinal);
        Assert.DoesNotContain("events.ics", without, StringComparison.Ordinal);
        Assert.Contains("The events in your own calendar: https://bot.pauseai.nl/events.ics", all, StringComparison.Ordinal);
        Assert.Contains("https://bot.pauseai.nl/events/summit.ics", summits, StringComparison.Ordinal);
    }

    private static string Unfold(string text) => text.Replace("\r\n ", string.Empty, StringComparison.Ordinal);
}
