using Bot.Core.Storage;

namespace Bot.Core.Events;

/// <summary>The last good copy of each event feed (<c>bot_feed_cache</c>), with the validators for a conditional GET.</summary>
internal sealed class FeedCacheStore
{
    private readonly BotDatabase _database;
    private readonly TimeProvider _time;

    public FeedCacheStore(BotDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    /// <summary>The stored copy of a feed, or null when it was never read.</summary>
    public async Task<FeedCopy?> GetAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = BotDatabase.Command(connection, null, "SELECT etag, last_modified, body FROM bot_feed_cache WHERE url = @url", ("url", url.AbsoluteUri));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new FeedCopy(reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2));
    }

    /// <summary>Stores a good copy (replacing the one before).</summary>
    public async Task SaveAsync(Uri url, FeedCopy copy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(copy);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await BotDatabase.ExecuteAsync(connection, null, """
            INSERT INTO bot_feed_cache (url, etag, last_modified, body, fetched_at) VALUES (@url, @etag, @modified, @body, @at)
            ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, body = excluded.body, fetched_at = excluded.fetched_at
            """,
            cancellationToken,
            ("url", url.AbsoluteUri), ("etag", copy.ETag), ("modified", copy.LastModified), ("body", copy.Body), ("at", _time.GetUtcNow().ToUnixTimeMilliseconds()));
    }
}

/// <summary>A feed's text as last read well, and the validators its server sent with it.</summary>
/// <param name="ETag">The <c>ETag</c> header, sent back as <c>If-None-Match</c>.</param>
/// <param name="LastModified">The <c>Last-Modified</c> header, sent back as <c>If-Modified-Since</c>.</param>
/// <param name="Body">The iCalendar text.</param>
internal sealed record FeedCopy(string? ETag, string? LastModified, string Body);
