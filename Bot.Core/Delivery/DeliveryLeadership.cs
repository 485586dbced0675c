using System.Data.Common;
using Bot.Core.Storage;

namespace Bot.Core.Delivery;

/// <summary>
/// On PostgreSQL one delivery worker of all the nodes sends, so the platforms' limits for the bot token
/// hold across nodes (each node's limiter only knows its own sends). The leader holds a session advisory
/// lock on a connection of its own; when its process dies, PostgreSQL ends the session and frees the
/// lock, and another node takes it at its next round. SQLite has one process: it always leads.
/// </summary>
internal sealed class DeliveryLeadership : IAsyncDisposable
{
    /// <summary>The advisory lock's key ("BotDlvr").</summary>
    private const long LockKey = 0x426f74446c7672;

    private readonly BotDatabase _database;
    private DbConnection? _held;

    public DeliveryLeadership(BotDatabase database)
    {
        _database = database;
    }

    /// <summary>True when this worker leads (and still holds its lock); tries to become the leader otherwise.</summary>
    public async Task<bool> HoldAsync(CancellationToken cancellationToken)
    {
        if (_database.Provider != StorageProvider.Postgres)
        {
            return true;
        }

        if (_held is not null)
        {
            try
            {
                await BotDatabase.ScalarAsync(_held, null, "SELECT 1", cancellationToken);
                return true;
            }
            catch (DbException)
            {
                // The session is gone, and the lock with it: another node may lead by now.
                await ReleaseAsync();
            }
        }

        var connection = await _database.OpenAsync(cancellationToken);
        try
        {
            if (await BotDatabase.ScalarAsync(connection, null, "SELECT pg_try_advisory_lock(@key)", cancellationToken, ("key", LockKey)) is true)
            {
                _held = connection;
                return true;
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return false;
    }

    public async ValueTask DisposeAsync() => await ReleaseAsync();

    private async Task ReleaseAsync()
    {
        if (_held is { } held)
        {
            _held = null;
            try
            {
                // Explicitly: a pooled connection would reset its session only at its next use.
                await BotDatabase.ScalarAsync(held, null, "SELECT pg_advisory_unlock(@key)", CancellationToken.None, ("key", LockKey));
            }
            catch (DbException)
            {
                // The session is gone already, and the lock with it.
            }

            await held.DisposeAsync();
        }
    }
}
