using System.Data.Common;
using Bot.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bot.Host.Operations;

/// <summary>
/// Ready when the database answers and has this release's schema. A fresh connection each time (SQLite: unpooled,
/// never creating the file), so a database that went away is seen. Under a flood of probes one query runs at a
/// time and the others share its answer for a second.
/// </summary>
internal sealed class DatabaseHealthCheck(BotDatabase database, TimeProvider time) : IHealthCheck, IDisposable
{
    private static readonly TimeSpan Reuse = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (HealthCheckResult Result, long At)? _last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_last is { } last && time.GetElapsedTime(last.At) < Reuse)
            {
                return last.Result;
            }

            var result = await ProbeAsync(cancellationToken);
            _last = (result, time.GetTimestamp());
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<HealthCheckResult> ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = BotDatabase.Command(connection, null, "SELECT COALESCE(MAX(version), 0) FROM bot_schema_version");
            var version = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            return version == BotDatabase.LatestVersion
                ? HealthCheckResult.Healthy($"{database.Provider}, schema version {version}")
                : HealthCheckResult.Unhealthy($"{database.Provider}: schema version {version}, expected {BotDatabase.LatestVersion}");
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or TimeoutException or IOException or System.Net.Sockets.SocketException)
        {
            // The exception's type only: a server's message can carry the host, user or database name.
            return HealthCheckResult.Unhealthy($"{database.Provider}: not reachable ({ex.GetType().Name})");
        }
    }

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (database.Provider != StorageProvider.Sqlite)
        {
            return await database.OpenAsync(cancellationToken);
        }

        var builder = new SqliteConnectionStringBuilder(database.ConnectionString) { Pooling = false };
        if (database.DatabaseFile is not null)
        {
            builder.Mode = SqliteOpenMode.ReadWrite;
        }

        var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
