using Bot.Core.Storage;

namespace Bot.Discord.ScheduledEvents;

/// <summary>Which Discord scheduled event is the copy of which catalog event in which server, and what it was last given.</summary>
/// <param name="EventId">The catalog event's id (opaque).</param>
/// <param name="ScheduledEventId">Discord's id of the scheduled event.</param>
/// <param name="ContentHash">The hash of the body last sent (<see cref="ScheduledEventMapper.Hash"/>).</param>
internal sealed record ScheduledEventLink(string EventId, string ScheduledEventId, string ContentHash);

/// <summary>The table <c>bot_scheduled_events</c>: one row per server and catalog event.</summary>
internal sealed class ScheduledEventStore(BotDatabase database, TimeProvider time)
{
    public async Task<IReadOnlyList<ScheduledEventLink>> ListAsync(string guildId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = BotDatabase.Command(connection, null,
            "SELECT event_id, scheduled_event_id, content_hash FROM bot_scheduled_events WHERE guild_id = @guild ORDER BY event_id", ("guild", guildId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var links = new List<ScheduledEventLink>();
        while (await reader.ReadAsync(cancellationToken))
        {
            links.Add(new ScheduledEventLink(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return links;
    }

    /// <summary>The servers that have rows (to forget those the bot left).</summary>
    public async Task<IReadOnlyList<string>> GuildsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = BotDatabase.Command(connection, null, "SELECT DISTINCT guild_id FROM bot_scheduled_events");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var guilds = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            guilds.Add(reader.GetString(0));
        }

        return guilds;
    }

    public async Task SaveAsync(string guildId, ScheduledEventLink link, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        await using var connection = await database.OpenAsync(cancellationToken);
        await BotDatabase.ExecuteAsync(connection, null, """
            INSERT INTO bot_scheduled_events (guild_id, event_id, scheduled_event_id, content_hash, synced_at)
            VALUES (@guild, @event, @scheduled, @hash, @now)
            ON CONFLICT (guild_id, event_id) DO UPDATE SET scheduled_event_id = excluded.scheduled_event_id, content_hash = excluded.content_hash, synced_at = excluded.synced_at
            """, cancellationToken,
            ("guild", guildId), ("event", link.EventId), ("scheduled", link.ScheduledEventId), ("hash", link.ContentHash), ("now", time.GetUtcNow().ToUnixTimeMilliseconds()));
    }

    public async Task RemoveAsync(string guildId, string? eventId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (eventId is null)
        {
            await BotDatabase.ExecuteAsync(connection, null, "DELETE FROM bot_scheduled_events WHERE guild_id = @guild", cancellationToken, ("guild", guildId));
            return;
        }

        await BotDatabase.ExecuteAsync(connection, null, "DELETE FROM bot_scheduled_events WHERE guild_id = @guild AND event_id = @event", cancellationToken, ("guild", guildId), ("event", eventId));
    }
}
