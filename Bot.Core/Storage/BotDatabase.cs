using System.Data.Common;
using System.Runtime.CompilerServices;
using Bot.Core.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Bot.Core.Storage;

/// <summary>
/// Opens connections to the bot's database and applies our versioned schema at start. Our tables
/// (prefix <c>bot_</c>) sit beside Quartz's (<c>qrtz_</c>) in the same database. Plain ADO.NET;
/// the SQL is shared by SQLite and PostgreSQL except where <see cref="Migrations"/> says otherwise.
/// </summary>
internal sealed partial class BotDatabase : IAsyncDisposable
{
    private readonly ILogger<BotDatabase> _logger;
    private readonly DbDataSource? _postgres; // as its base type: a SQLite bot never loads Npgsql
    private SqliteFileLock? _lock;

    private readonly TimeProvider _time;

    public BotDatabase(StorageProvider provider, string connectionString, TimeProvider time, ILogger<BotDatabase> logger)
    {
        _time = time;
        Provider = provider;
        ConnectionString = connectionString;
        _logger = logger;
        if (provider == StorageProvider.Postgres)
        {
            _postgres = CreatePostgres(connectionString);
        }
        else
        {
            var builder = new SqliteConnectionStringBuilder(connectionString);
            IsInMemory = builder.Mode == SqliteOpenMode.Memory || builder.DataSource == ":memory:";
            DatabaseFile = IsInMemory ? null : Path.GetFullPath(builder.DataSource);
        }
    }

    /// <summary>SQLite or PostgreSQL.</summary>
    public StorageProvider Provider { get; }

    /// <summary>The connection string (also given to Quartz).</summary>
    public string ConnectionString { get; }

    /// <summary>The SQLite file, when SQLite on disk.</summary>
    public string? DatabaseFile { get; }

    private bool IsInMemory { get; }

    /// <summary>The schema version this release writes.</summary>
    public static int LatestVersion => Migrations.All.Count;

    /// <summary>Takes the single-process lock (SQLite) and brings the schema up to date.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken) => InitializeAsync(takeLock: true, cancellationToken);

    /// <summary>
    /// Brings the schema up to date; with <paramref name="takeLock"/> also takes the SQLite single-process
    /// lock (the running bot does; one-shot commands such as <c>ask</c> and <c>events</c> do not, so they
    /// work beside it). Every failure becomes a <see cref="BotStartupException"/> with one line that names
    /// the setting and the file or server.
    /// </summary>
    public async Task InitializeAsync(bool takeLock, CancellationToken cancellationToken)
    {
        if (Provider == StorageProvider.Sqlite && DatabaseFile is not null)
        {
            CheckSqliteFile(DatabaseFile);
            if (takeLock && _lock is null)
            {
                _lock = SqliteFileLock.Acquire(DatabaseFile);
            }
        }

        try
        {
            await MigrateAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is DbException or System.Net.Sockets.SocketException or TimeoutException or IOException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogInitializeFailed(ex);
            throw new BotStartupException(Describe(ex), ex);
        }
    }

    /// <summary>The one line for a database that cannot be opened or migrated.</summary>
    private string Describe(Exception ex)
    {
        var reason = ex is NpgsqlException { InnerException: { } inner } && !ex.Message.Contains(inner.Message, StringComparison.Ordinal)
            ? $"{ex.Message.TrimEnd('.')} ({inner.Message.TrimEnd('.')})"
            : ex.Message;
        if (Provider == StorageProvider.Postgres)
        {
            var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
            var timeout = new NpgsqlConnectionStringBuilder(WithConnectTimeout(ConnectionString)).Timeout;
            var what = ex is TimeoutException || ex.InnerException is TimeoutException || ex is OperationCanceledException
                ? $"no answer within {timeout} s"
                : reason.TrimEnd('.');
            return $"Storage:ConnectionString: cannot connect to the PostgreSQL server {builder.Host}:{builder.Port} (database '{builder.Database}'): {what}. Check that the server runs and accepts connections, and the host, port, user and password.";
        }

        return $"Storage:ConnectionString: cannot use the SQLite database {DatabaseFile ?? ConnectionString}: {reason.TrimEnd('.')}.";
    }

    /// <summary>Names an unusable SQLite path before SQLite reports it as something else (or the lock as "another process").</summary>
    private static void CheckSqliteFile(string file)
    {
        var folder = Path.GetDirectoryName(file);
        if (string.IsNullOrEmpty(folder))
        {
            return;
        }

        for (var dir = folder; !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(dir))
            {
                throw new BotStartupException($"Storage:ConnectionString: the SQLite database {file} cannot be created: {dir} is a file, not a folder. Expected Data Source=<a file in a writable folder>, such as Data Source=bot.db.");
            }
        }

        if (Directory.Exists(file))
        {
            throw new BotStartupException($"Storage:ConnectionString: the SQLite database {file} is a folder, not a file. Expected Data Source=<a file in a writable folder>, such as Data Source=bot.db.");
        }

        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".{Path.GetFileName(file)}.write-test-{Environment.ProcessId}");
            using (new FileStream(probe, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new BotStartupException($"Storage:ConnectionString: the folder {folder} of the SQLite database {file} is not writable ({ex.Message.TrimEnd('.')}). Expected Data Source=<a file in a writable folder>, such as Data Source=bot.db.", ex);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1859", Justification = "As NpgsqlDataSource its caller would load Npgsql.")]
    private static DbDataSource CreatePostgres(string connectionString) => NpgsqlDataSource.Create(WithConnectTimeout(connectionString));

    /// <summary>PostgreSQL: a server that is down or does not answer is reported within 5 s unless the connection string sets <c>Timeout</c>.</summary>
    private static string WithConnectTimeout(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.Keys.Cast<string>().Any(k => k.Replace(" ", string.Empty, StringComparison.Ordinal).Equals("Timeout", StringComparison.OrdinalIgnoreCase)
            || k.Replace(" ", string.Empty, StringComparison.Ordinal).Equals("ConnectTimeout", StringComparison.OrdinalIgnoreCase)))
        {
            builder.Timeout = DefaultConnectTimeoutSeconds;
        }

        return builder.ConnectionString;
    }

    private const int DefaultConnectTimeoutSeconds = 5;

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        if (Provider == StorageProvider.Sqlite)
        {
            // WAL lets Quartz's connections and ours read while one writes.
            await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (Provider == StorageProvider.Postgres)
        {
            // Two nodes starting together: one migrates, the other waits and then finds nothing to do.
            // Taken before any DDL: even CREATE TABLE IF NOT EXISTS races in PostgreSQL.
            await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(7305001)", cancellationToken);
        }

        await ExecuteAsync(connection, transaction, "CREATE TABLE IF NOT EXISTS bot_schema_version (version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL)", cancellationToken);

        var current = Convert.ToInt32(await ScalarAsync(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM bot_schema_version", cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        if (current > LatestVersion)
        {
            throw new BotStartupException($"Storage:ConnectionString: the database has schema version {current}, newer than this release knows ({LatestVersion}). Upgrade the bot.");
        }

        for (var version = current + 1; version <= LatestVersion; version++)
        {
            foreach (var statement in Migrations.For(version, Provider))
            {
                await ExecuteAsync(connection, transaction, statement, cancellationToken);
            }

            await ExecuteAsync(connection, transaction, "INSERT INTO bot_schema_version (version, applied_at) VALUES (@v, @at)", cancellationToken,
                ("v", (long)version), ("at", _time.GetUtcNow().ToUnixTimeMilliseconds()));
            LogMigrated(version);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Opens a new connection (pooled).</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(cancellationToken);
        }

        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            // Wait for Quartz's writes instead of failing with "database is locked".
            await ExecuteAsync(connection, null, "PRAGMA busy_timeout=10000;", cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs a statement; returns the number of rows changed.</summary>
    public static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Runs a query for one value.</summary>
    public static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is DBNull ? null : value;
    }

    /// <summary>A command with named parameters (<c>@name</c>, understood by both providers).</summary>
    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // Our SQL is constant text; values always travel as parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        _lock?.Dispose();
        _lock = null;
    }

    [LoggerMessage(EventId = 5102, Level = LogLevel.Debug, Message = "Opening or migrating the database failed")]
    private partial void LogInitializeFailed(Exception exception);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Database schema migrated to version {Version}")]
    private partial void LogMigrated(int version);
}
