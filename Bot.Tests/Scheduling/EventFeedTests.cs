using Bot.Core.Events;
using Bot.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Bot.Tests.Scheduling;

/// <summary>iCalendar feeds served from a loopback HTTP server with fixture files.</summary>
public sealed class EventFeedTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "Bot.Tests", "Scheduling", "Fixtures", name));

    [Fact]
    public async Task Feeds_merge_by_uid_honour_time_zones_and_cancellations_and_keep_the_last_good_copy()
    {
        var body = Fixture("luma-protests.ics");
        var status = 200;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.MapGet("/feed.ics", () => Results.Text(body, "text/calendar", statusCode: status));
        await app.StartAsync();
        var url = new Uri(app.Urls.First() + "/feed.ics");

        var catalog = new EventCatalog(NullLogger<EventCatalog>.Instance);
        catalog.SetSource("file", EventYamlParser.Parse(EventCatalogTests.Yaml("file-event", "2025-05-01T10:00"), "events.yaml"));
        using var http = new HttpClient();
        var options = new EventsOptions { Feeds = [new EventFeedOptions { Url = url }] };
        var poller = new EventFeedPoller(catalog, http, new StaticOptionsMonitor<EventsOptions>(options), null, NullLogger<EventFeedPoller>.Instance);

        Assert.Equal(1, await poller.PollAsync(CancellationToken.None));
        Assert.Equal(["feed-evt-amsterdam123-lu.ma", "feed-evt-london456-lu.ma", "file-event"], catalog.All.Select(e => e.Id));
        var amsterdam = catalog.All[0];
        Assert.Equal("Europe/Amsterdam", amsterdam.Zone.Id);
        Assert.Equal(new DateTimeOffset(2025, 4, 5, 12, 0, 0, TimeSpan.Zero), amsterdam.StartUtc);
        Assert.Equal(EventKind.Protest, amsterdam.Kind);
        Assert.Equal("Dam, Amsterdam", amsterdam.Location);
        Assert.Equal(new Uri("https://lu.ma/amsterdam-protest"), amsterdam.Link);
        Assert.Equal(new DateTimeOffset(2025, 4, 6, 11, 0, 0, TimeSpan.Zero), catalog.All[1].StartUtc);

        // The next fetch moves one event and cancels the other.
        body = Fixture("luma-protests-updated.ics");
        Assert.Equal(1, await poller.PollAsync(CancellationToken.None));
        Assert.Equal(["feed-evt-amsterdam123-lu.ma", "file-event"], catalog.All.Select(e => e.Id));
        Assert.Equal("PauseAI protest Amsterdam (moved)", catalog.All[0].Title.En);
        Assert.Equal(new DateTimeOffset(2025, 4, 12, 12, 0, 0, TimeSpan.Zero), catalog.All[0].StartUtc);

        // Down or malformed: the last good copy stays.
        status = 503;
        Assert.Equal(0, await poller.PollAsync(CancellationToken.None));
        status = 200;
        body = "<html>not a calendar</html>";
        Assert.Equal(0, await poller.PollAsync(CancellationToken.None));
        Assert.Equal(["feed-evt-amsterdam123-lu.ma", "file-event"], catalog.All.Select(e => e.Id));
        await app.StopAsync();
    }

    [Fact]
    public void Feed_settings_are_validated_by_name()
    {
        var result = new EventsOptionsValidator().Validate(null, new EventsOptions { Feeds = [new EventFeedOptions { Url = new Uri("ftp://example.org/x.ics") }] });

        Assert.True(result.Failed);
        Assert.Contains("Events:Feeds:0:Url", result.FailureMessage, StringComparison.Ordinal);
    }
}
