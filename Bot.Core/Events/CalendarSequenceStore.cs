using Bot.Core.Storage;

namespace Bot.Core.Events;

/// <summary>
/// The revision of each event in the published calendar (<c>bot_calendar_uids</c>): its <c>SEQUENCE</c>
/// goes up by one each time what a calendar shows of it (times, title, place, link) changes, and
/// <c>DTSTAMP</c> is when that happened, so subscribed calendars take the change.
/// </summary>
internal sealed class CalendarSequenceStore
{
    private readonly BotDatabase _database;
    private readonly TimeProvider _time;

    public CalendarSequenceStore(BotDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    /// <summary>Records the current fingerprint of each UID and returns each one's revision.</summary>
    public async Task<IReadOnlyDictionary<string, CalendarRevision>> ReviseAsync(IReadOnlyCollection<(string Uid, string Fingerprint)> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var result = new Dictionary<string, CalendarRevision>(StringComparer.Ordinal);
        if (_database.DatabaseFile is { } file && !File.Exists(file))
        {
            // A one-shot export before the bot ever ran: nothing to compare with, every event at 0.
            return result;
        }

        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var (uid, fingerprint) in items)
        {
            // Insert-or-ignore, then bump only on a real change: two nodes serving at once bump once.
            await BotDatabase.ExecuteAsync(connection, transaction,
                "INSERT INTO bot_calendar_uids (uid, fingerprint, sequence, changed_at) VALUES (@uid, @f, 0, @now) ON CONFLICT (uid) DO NOTHING",
                cancellationToken, ("uid", uid), ("f", fingerprint), ("now", now));
            await BotDatabase.ExecuteAsync(connection, transaction,
                "UPDATE bot_calendar_uids SET fingerprint = @f, sequence = sequence + 1, changed_at = @now WHERE uid = @uid AND fingerprint <> @f",
                cancellationToken, ("uid", uid), ("f", fingerprint), ("now", now));
            await using var command = BotDatabase.Command(connection, transaction, "SELECT sequence, changed_at FROM bot_calendar_uids WHERE uid = @uid", ("uid", uid));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                result[uid] = new CalendarRevision(
                    (int)Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture),
                    DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return result;
    }
}

/// <summary>An event's revision in the published calendar.</summary>
/// <param name="Sequence">iCalendar <c>SEQUENCE</c>: 0 at first, one more per change.</param>
/// <param name="ChangedAt">When it last changed (the <c>DTSTAMP</c>).</param>
internal sealed record CalendarRevision(int Sequence, DateTimeOffset ChangedAt);
