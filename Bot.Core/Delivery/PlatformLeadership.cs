using System.Data.Common;
using Bot.Core.Storage;
using Microsoft.Extensions.Hosting;

namespace Bot.Core.Delivery;

/// <summary>
/// On PostgreSQL one node of all talks to the platforms: its delivery worker sends the reminders and
/// announcements, and a platform that fetches its updates (polling) fetches them there, so the
/// answers go from that node too. So the platforms' limits for the bot token hold across nodes (each
/// node's limiter only knows its own sends). The leader holds a session advisory lock on a connection
/// of its own; when its process dies, PostgreSQL ends the session and frees the lock, and another node
/// takes it the next time it asks. SQLite has one process: it always leads. One instance per process,
/// shared by everyone who asks.
/// </summary>
internal sealed class PlatformLeadership : IHostedService, IAsyncDisposable
{
    /// <summary>The advisory lock's key ("BotDlvr").</summary>
    internal const long LockKey = 0x426f74446c7672;

    private readonly BotDatabase _database;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DbConnection? _held;

    public PlatformLeadership(BotDatabase database)
    {
        _database = database;
    }

    /// <summary>Whether several nodes may share the database, so that one of them leads (PostgreSQL).</summary>
    public bool IsShared => _database.Provider == StorageProvider.Postgres;

    /// <summary>True when this node leads (and still holds its lock); tries to become the leader otherwise.</summary>
    public async Task<bool> HoldAsync(CancellationToken cancellationToken)
    {
        if (!IsShared)
        {
            return true;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await HoldOrTakeAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<bool> HoldOrTakeAsync(CancellationToken cancellationToken)
    {
        if (_held is not null)
        {
            try
            {
                await BotDatabase.ScalarAsync(_held, null, "SELECT 1", cancellationToken);
                return true;
            }
            catch (Exception ex) when (ex is DbException or InvalidOperationException)
            {
                // The session is gone, and the lock with it: another node may lead by now. (A connection
                // the server ended is closed: Npgsql answers "Connection is not open".)
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

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The host stops (after everyone who sends): another node may lead at once.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await ReleaseAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ReleaseAsync();
        _gate.Dispose();
    }

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
            catch (Exception ex) when (ex is DbException or InvalidOperationException)
            {
                // The session is gone already, and the lock with it.
            }

            await held.DisposeAsync();
        }
    }
}
