using System.Data.Common;
using Bot.Core.Kernel;
using Bot.Core.Storage;
using Npgsql;

namespace Bot.Core.Delivery;

/// <summary>
/// On PostgreSQL, an update that reached a node which does not lead (several nodes behind a load
/// balancer, each receiving webhooks) is handed to the leader through the database, so its answer
/// leaves from the node whose limiter counts all the bot's sends (<see cref="PlatformLeadership"/>).
/// The row is committed before the platform hears "received", so a follower that dies then loses
/// nothing. A hand-over wakes the leader with <c>NOTIFY</c>; it also looks every second.
/// </summary>
internal sealed class LeaderInbox : IAsyncDisposable
{
    private const string Channel = "bot_inbox";

    /// <summary>How long the leader waits for a hand-over before it looks anyway (a lost notification, a new listener).</summary>
    private static readonly TimeSpan LookInterval = TimeSpan.FromSeconds(1);

    private readonly BotDatabase _database;
    private readonly TimeProvider _time;
    private NpgsqlConnection? _listener;

    public LeaderInbox(BotDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    /// <summary>Whether several nodes may share the database, so that followers hand updates over (PostgreSQL).</summary>
    public bool IsShared => _database.Provider == StorageProvider.Postgres;

    /// <summary>Keeps an update for the leader and wakes it.</summary>
    public async Task HandOverAsync(PlatformId platform, string update, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await BotDatabase.ExecuteAsync(
            connection,
            null,
            "INSERT INTO bot_inbox (platform, payload, received_at) VALUES (@platform, @payload, @at)",
            cancellationToken,
            ("platform", platform.Name),
            ("payload", update),
            ("at", _time.GetUtcNow().ToUnixTimeMilliseconds()));
        await BotDatabase.ScalarAsync(connection, null, $"SELECT pg_notify('{Channel}', @platform)", cancellationToken, ("platform", platform.Name));
    }

    /// <summary>Takes (and removes) up to <paramref name="max"/> handed-over updates of a platform, oldest first.</summary>
    public async Task<IReadOnlyList<string>> TakeAsync(PlatformId platform, int max, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = BotDatabase.Command(
            connection,
            null,
            """
            DELETE FROM bot_inbox WHERE id IN (
                SELECT id FROM bot_inbox WHERE platform = @platform ORDER BY id LIMIT @max FOR UPDATE SKIP LOCKED)
            RETURNING id, payload
            """,
            ("platform", platform.Name),
            ("max", (long)max));
        var taken = new List<(long Id, string Payload)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            taken.Add((reader.GetInt64(0), reader.GetString(1)));
        }

        return [.. taken.OrderBy(t => t.Id).Select(t => t.Payload)];
    }

    /// <summary>Waits until a follower hands an update over, or a second has passed.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        try
        {
            _listener ??= await ListenAsync(cancellationToken);

            // The database's own wait (a socket read), not a timer: it ends at the notification.
            await _listener.WaitAsync((int)LookInterval.TotalMilliseconds, cancellationToken);
        }
        catch (Exception ex) when (ex is DbException or IOException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            // The listening connection broke: listen again next time; meanwhile look at the regular pace.
            await DropListenerAsync();
            await Task.Delay(LookInterval, _time, cancellationToken);
        }
    }

    public ValueTask DisposeAsync() => DropListenerAsync();

    private async Task<NpgsqlConnection> ListenAsync(CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)await _database.OpenAsync(cancellationToken);
        try
        {
            await BotDatabase.ExecuteAsync(connection, null, $"LISTEN {Channel}", cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async ValueTask DropListenerAsync()
    {
        if (_listener is { } listener)
        {
            _listener = null;
            await listener.DisposeAsync();
        }
    }
}
