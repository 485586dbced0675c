using Bot.Core.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Core.Events;

/// <summary>
/// Fetches the configured iCalendar feeds and merges each into the catalog as its own source. A
/// feed that is down or malformed keeps its last good copy in the catalog and is reported.
/// </summary>
internal sealed partial class EventFeedPoller
{
    private readonly EventCatalog _catalog;
    private readonly HttpClient _http;
    private readonly IOptionsMonitor<EventsOptions> _options;
    private readonly ILogger<EventFeedPoller> _logger;

    public EventFeedPoller(EventCatalog catalog, HttpClient http, IOptionsMonitor<EventsOptions> options, ILogger<EventFeedPoller> logger)
    {
        _catalog = catalog;
        _http = http;
        _options = options;
        _logger = logger;
    }

    /// <summary>Fetches every feed once. Returns how many feeds were read successfully.</summary>
    public async Task<int> PollAsync(CancellationToken cancellationToken)
    {
        var good = 0;
        foreach (var feed in _options.CurrentValue.Feeds)
        {
            if (feed.Url is null)
            {
                continue;
            }

            var source = "feed " + feed.Url.GetLeftPart(UriPartial.Path);
            try
            {
                using var response = await _http.GetAsync(feed.Url, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    LogFeedFailed(source, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
                    Polled(ok: false);
                    continue;
                }

                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                var result = IcsFeedParser.Parse(text, source, feed.Kind);
                _catalog.SetSource(source, result);
                good++;
                Polled(ok: true);
            }
            catch (Exception ex) when (ex is HttpRequestException or FormatException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                LogFeedFailed(source, ex.Message);
                Polled(ok: false);
            }
        }

        return good;
    }

    private static void Polled(bool ok)
    {
        BotTelemetry.FeedPolls.Add(1, new KeyValuePair<string, object?>("result", ok ? "ok" : "failed"));
        BotHealth.RecordFeeds(ok, TimeProvider.System.GetUtcNow()); // for the readiness page only: the wall clock it shows
    }

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "Event {Feed} could not be read ({Reason}); keeping its last good copy")]
    private partial void LogFeedFailed(string feed, string reason);
}
