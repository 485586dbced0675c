using Bot.Core.Events;
using Bot.Core.Storage;
using Bot.Tests.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Bot.Tests.Scheduling;

/// <summary>A feed on a loopback Kestrel server: conditional GETs, and the last good copy kept when it is down, slow, huge or malformed, also after a restart.</summary>
public sealed class FeedCacheTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 10, 12, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(T0);
    private readonly TempSqlite _temp = new();
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private BotDatabase _database = null!;
    private LoopbackFeed _feed = null!;

    public async Task InitializeAsync()
    {
        _database = _temp.Open(_time);
        await _database.InitializeAsync(CancellationToken.None);
        _feed = await LoopbackFeed.StartAsync(RecurrenceTests.Fixture("weekly-meetup.ics"));
    }

    public async Task DisposeAsync()
    {
        await _feed.DisposeAsync();
        await _database.DisposeAsync();
    }

    public void Dispose()
    {
        _http.Dispose();
        _temp.Dispose();
    }

    private (EventCatalog Catalog, EventFeedPoller Poller) Process(EventsOptions? options = null)
    {
        var catalog = new EventCatalog(NullLogger<EventCatalog>.Instance, time: _time);
        options ??= new EventsOptions();
        options.Feeds = [new EventFeedOptions { Url = _feed.Url, Kind = EventKind.Other }];
        var poller = new EventFeedPoller(catalog, _http, new StaticOptionsMonitor<EventsOptions>(options), new FeedCacheStore(_database, _time), NullLogger<EventFeedPoller>.Instance);
        return (catalog, poller);
    }

    private static string[] Ids(EventCatalog catalog) => [.. catalog.All.Select(e => e.Id)];

    [Fact]
    public async Task Unchanged_is_a_304_and_down_or_malformed_keeps_the_last_good_copy_also_after_a_restart()
    {
        var (catalog, poller) = Process();
        Assert.Equal(1, await poller.PollAsync(CancellationToken.None));
        var good = Ids(catalog);
        Assert.Equal(12, good.Length); // 11 Tuesdays in 90 days and the flyer day
        Assert.Equal(0, _feed.Conditional);

        // Unchanged: the second fetch is conditional and gets 304; nothing changes.
        var changes = 0;
        catalog.Changed += (_, _) => changes++;
        Assert.Equal(1, await poller.PollAsync(CancellationToken.None));
        Assert.Equal((2, 1, 1), (_feed.Requests, _feed.Conditional, _feed.NotModified));
        Assert.Equal(0, changes);

        // Down, then malformed: the last good copy stays.
        _feed.Mode = LoopbackFeed.Behaviour.Down;
        Assert.Equal(0, await poller.PollAsync(CancellationToken.None));
        _feed.Mode = LoopbackFeed.Behaviour.Serve;
        _feed.Body = "<html><body>Luma is down for maintenance</body></html>";
        Assert.Equal(0, await poller.PollAsync(CancellationToken.None));
        Assert.Equal(good, Ids(catalog));

        // A restart while the feed is still broken: the stored copy is the catalog.
        var (restarted, restartedPoller) = Process();
        Assert.Equal(0, await restartedPoller.PollAsync(CancellationToken.None));
        Assert.Equal(good, Ids(restarted));

        // Back: a changed feed (one occurrence moved a day) replaces it, with its new ETag.
        _feed.Body = RecurrenceTests.Fixture("weekly-meetup.ics").Replace("DTSTART;TZID=Europe/Amsterdam:20261104T200000", "DTSTART;TZID=Europe/Amsterdam:20261105T200000", StringComparison.Ordinal)
            .Replace("DTEND;TZID=Europe/Amsterdam:20261104T220000", "DTEND;TZID=Europe/Amsterdam:20261105T220000", StringComparison.Ordinal);
        Assert.Equal(1, await restartedPoller.PollAsync(CancellationToken.None));
        Assert.Equal(new DateTimeOffset(2026, 11, 5, 19, 0, 0, TimeSpan.Zero), restarted.All.Single(e => e.Id == "feed-meetup-pauseai.nl@20261103T1800").StartUtc);
        var stored = await new FeedCacheStore(_database, _time).GetAsync(_feed.Url, CancellationToken.None);
        Assert.Equal(LoopbackFeed.ETagOf(_feed.Body), stored!.ETag);
        Assert.Equal("Thu, 01 Oct 2026 12:00:00 GMT", stored.LastModified);
    }

    [Fact]
    public async Task A_feed_that_hangs_times_out_and_a_huge_one_is_refused_keeping_the_last_good_copy()
    {
        var (catalog, poller) = Process(new EventsOptions { FeedTimeout = TimeSpan.FromSeconds(1), FeedMaxBytes = 256 * 1024 });
        Assert.Equal(1, await poller.PollAsync(CancellationToken.None));
        var good = Ids(catalog);

        _feed.Mode = LoopbackFeed.Behaviour.Hang;
        var started = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(0, await poller.PollAsync(CancellationToken.None));
        Assert.InRange(started.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
        Assert.Equal(good, Ids(catalog));

        // 1 MB of events: more than Events:FeedMaxBytes.
        _feed.Mode = LoopbackFeed.Behaviour.Serve;
        var huge = new System.Text.StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n");
        for (var i = 0; huge.Length < 1024 * 1024; i++)
        {
            huge.Append(System.Globalization.CultureInfo.InvariantCulture, $"BEGIN:VEVENT\r\nUID:spam-{i}\r\nDTSTART:20261013T190000Z\r\nSUMMARY:Spam {i}\r\nEND:VEVENT\r\n");
        }

        _feed.Body = huge.Append("END:VCALENDAR\r\n").ToString();
        Assert.Equal(0, await poller.PollAsync(CancellationToken.None));
        Assert.Equal(good, Ids(catalog));
    }
}
