using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Bot.Core.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Core.Events;

/// <summary>
/// Fetches the configured iCalendar feeds and merges each into the catalog as its own source. A
/// feed that is down, too slow, too large or malformed keeps its last good copy in the catalog and
/// is reported. The last good copy is stored (<see cref="FeedCacheStore"/>), so it also survives a
/// restart, and its <c>ETag</c> / <c>Last-Modified</c> make the next fetch conditional (304: unchanged).
/// </summary>
internal sealed partial class EventFeedPoller : IDisposable
{
    private readonly EventCatalog _catalog;
    private readonly HttpClient _http;
    private readonly IOptionsMonitor<EventsOptions> _options;
    private readonly FeedCacheStore? _cache;
    private readonly ILogger<EventFeedPoller> _logger;
    private readonly BotHealth? _health;
    private readonly HashSet<string> _loaded = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public EventFeedPoller(EventCatalog catalog, HttpClient http, IOptionsMonitor<EventsOptions> options, FeedCacheStore? cache, ILogger<EventFeedPoller> logger, BotHealth? health = null)
    {
        _health = health;
        _catalog = catalog;
        _http = http;
        _options = options;
        _cache = cache;
        _logger = logger;
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>The source name of a feed in the catalog and in problems.</summary>
    public static string SourceOf(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return "feed " + url.GetLeftPart(UriPartial.Path);
    }

    /// <summary>Fetches every feed once. Returns how many feeds were read successfully (unchanged counts as read).</summary>
    public async Task<int> PollAsync(CancellationToken cancellationToken)
    {
        // One round at a time (the service's timer and a one-shot command may meet).
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await PollOnceAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<int> PollOnceAsync(CancellationToken cancellationToken)
    {
        var good = 0;
        var options = _options.CurrentValue;
        foreach (var feed in options.Feeds)
        {
            if (feed.Url is null)
            {
                continue;
            }

            var source = SourceOf(feed.Url);
            var stored = _cache is null ? null : await _cache.GetAsync(feed.Url, cancellationToken);
            if (stored is not null && _loaded.Add(source))
            {
                // First round of this process: the stored copy stands until the feed answers.
                TryApply(source, stored.Body, feed.Kind, out _);
            }

            var before = good;
            try
            {
                try
                {
                    // Real time, not the injected clock: a hanging server is a matter of elapsed seconds.
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    timeout.CancelAfter(options.FeedTimeout);
                    using var request = new HttpRequestMessage(HttpMethod.Get, feed.Url);
                    if (stored?.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag))
                    {
                        request.Headers.IfNoneMatch.Add(tag);
                    }

                    if (stored?.LastModified is { } modified && DateTimeOffset.TryParse(modified, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since))
                    {
                        request.Headers.IfModifiedSince = since;
                    }

                    using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                    if (response.StatusCode == HttpStatusCode.NotModified && stored is not null)
                    {
                        LogNotModified(source);
                        good++;
                        continue;
                    }

                    if (!response.IsSuccessStatusCode)
                    {
                        LogFeedFailed(source, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
                        continue;
                    }

                    var text = await ReadLimitedAsync(response.Content, options.FeedMaxBytes, timeout.Token);
                    if (text is null)
                    {
                        LogFeedFailed(source, string.Create(CultureInfo.InvariantCulture, $"larger than Events:FeedMaxBytes ({options.FeedMaxBytes} bytes)"));
                        continue;
                    }

                    if (!TryApply(source, text, feed.Kind, out var reason))
                    {
                        LogFeedFailed(source, reason);
                        continue;
                    }

                    _loaded.Add(source);
                    if (_cache is not null)
                    {
                        var copy = new FeedCopy(response.Headers.ETag?.ToString(), response.Content.Headers.LastModified?.ToString("R", CultureInfo.InvariantCulture), text);
                        await _cache.SaveAsync(feed.Url, copy, cancellationToken);
                    }

                    good++;
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    LogFeedFailed(source, ex is OperationCanceledException ? $"no answer within Events:FeedTimeout ({options.FeedTimeout})" : ex.Message);
                }
            }
            finally
            {
                if (!cancellationToken.IsCancellationRequested)
                {
                    Polled(ok: good > before);
                }
            }
        }

        return good;
    }

    private void Polled(bool ok)
    {
        BotTelemetry.FeedPolls.Add(1, new KeyValuePair<string, object?>("result", ok ? "ok" : "failed"));
        _health?.RecordFeeds(ok);
    }

    /// <summary>Parses the text and, when it is a calendar, makes it the feed's events.</summary>
    private bool TryApply(string source, string text, EventKind kind, out string reason)
    {
        reason = string.Empty;
        CatalogLoadResult result;
        try
        {
            result = IcsFeedParser.Parse(text, source, kind);
        }
        catch (FormatException ex)
        {
            reason = ex.Message;
            return false;
        }

        _catalog.SetSource(source, result);
        return true;
    }

    /// <summary>The body as text, or null when it is longer than <paramref name="limit"/> bytes.</summary>
    private static async Task<string?> ReadLimitedAsync(HttpContent content, int limit, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > limit)
        {
            return null;
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "Event {Feed} could not be read ({Reason}); keeping its last good copy")]
    private partial void LogFeedFailed(string feed, string reason);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Debug, Message = "Event {Feed} is unchanged (304)")]
    private partial void LogNotModified(string feed);
}
