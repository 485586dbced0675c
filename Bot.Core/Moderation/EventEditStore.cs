using Bot.Core.Events;
using Bot.Core.Storage;

namespace Bot.Core.Moderation;

/// <summary>
/// Moderators' runtime event edits in <c>bot_event_edits</c>: one row per edit (an event's YAML entry, or a
/// deletion); the newest row per event id counts. Layered over <c>events.yaml</c> by <see cref="EventCatalog.SetEdits"/>.
/// </summary>
internal sealed class EventEditStore
{
    private readonly BotDatabase _database;
    private readonly TimeProvider _time;

    public EventEditStore(BotDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    /// <summary>Stores one edit and its audit entry together.</summary>
    public async Task SaveAsync(string eventId, string yaml, bool deleted, string actor, string where, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await BotDatabase.ExecuteAsync(connection, transaction,
            "INSERT INTO bot_event_edits (event_id, yaml, deleted, edited_by, edited_at) VALUES (@id, @yaml, @deleted, @by, @at)",
            cancellationToken, ("id", eventId), ("yaml", yaml), ("deleted", deleted ? 1L : 0L), ("by", actor), ("at", now));
        await AuditLog.WriteAsync(connection, transaction, now, actor, deleted ? "event.delete" : "event.edit", $"{eventId} in {where}", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The newest edit of every event: the events added or changed, and the ids deleted.</summary>
    public async Task<(IReadOnlyList<BotEvent> Events, IReadOnlyList<string> Deleted)> LoadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = BotDatabase.Command(connection, null, """
            SELECT e.event_id, e.yaml, e.deleted FROM bot_event_edits e
            WHERE e.id = (SELECT MAX(l.id) FROM bot_event_edits l WHERE l.event_id = e.event_id)
            ORDER BY e.event_id
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<BotEvent>();
        var deleted = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            if (Convert.ToInt64(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture) != 0)
            {
                deleted.Add(reader.GetString(0));
                continue;
            }

            events.AddRange(EventYamlParser.Parse(reader.GetString(1), "edit of " + reader.GetString(0)).Events);
        }

        return (events, deleted);
    }

    /// <summary>Loads the edits into <paramref name="catalog"/> (which then reschedules reminders).</summary>
    public async Task ApplyAsync(EventCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var (events, deleted) = await LoadAsync(cancellationToken);
        catalog.SetEdits(events, deleted);
    }
}
