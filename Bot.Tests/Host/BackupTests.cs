using Bot.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Bot.Tests.Host;

/// <summary><c>backup &lt;file&gt;</c>: a consistent copy while another connection writes, and one clear line for what it cannot do.</summary>
[Collection(nameof(ProgramTests))]
public sealed class BackupTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("bot-backup-");

    private string Database => Path.Combine(_folder.FullName, "bot.db");

    [Fact]
    public async Task A_backup_taken_while_the_bot_writes_is_one_consistent_moment_of_the_database()
    {
        await using (var database = new BotDatabase(StorageProvider.Sqlite, $"Data Source={Database}", TimeProvider.System, NullLogger<BotDatabase>.Instance))
        {
            await database.InitializeAsync(takeLock: false, CancellationToken.None);
        }

        using var stop = new CancellationTokenSource();
        var firstPair = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writer = Task.Run(() => WritePairs(firstPair, stop.Token));

        // The backups start while the writer is writing, not before its table exists.
        await firstPair.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var results = new List<(int Code, string Output, string Error)>();
        for (var i = 0; i < 5; i++)
        {
            results.Add(await ProgramTests.RunAsync(["backup", Path.Combine(_folder.FullName, $"copy{i}.db"), Argument]));
        }

        await stop.CancelAsync();
        var written = await writer;

        Assert.True(written > 0);
        Assert.All(results, r => Assert.Equal((0, string.Empty), (r.Code, r.Error)));
        for (var i = 0; i < 5; i++)
        {
            using var copy = new SqliteConnection($"Data Source={Path.Combine(_folder.FullName, $"copy{i}.db")};Mode=ReadOnly;Pooling=False");
            copy.Open();
            Assert.Equal("ok", Scalar(copy, "PRAGMA integrity_check"));
            Assert.Equal(0L, (long)Scalar(copy, "SELECT COUNT(*) FROM pairs")! % 2); // never half a transaction
            Assert.Equal((long)BotDatabase.LatestVersion, Scalar(copy, "SELECT MAX(version) FROM bot_schema_version"));
        }

        Assert.StartsWith($"Backed up {Database} to ", results[0].Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder.FullName, "copy0.db.partial")));
    }

    [Fact]
    public async Task A_target_folder_that_cannot_be_written_is_named_in_one_line_and_leaves_no_file()
    {
        File.WriteAllText(Path.Combine(_folder.FullName, "bot.db"), string.Empty);
        var target = Path.Combine(_folder.FullName, "missing", "copy.db");

        var (code, output, error) = await ProgramTests.RunAsync(["backup", target, Argument]);

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, output);
        Assert.Equal($"backup: cannot write {target}: the folder {Path.GetDirectoryName(target)} does not exist or is not writable.\n", error);
    }

    [Fact]
    public async Task Postgres_is_backed_up_with_pg_dump_and_an_in_memory_database_not_at_all()
    {
        var postgres = await ProgramTests.RunAsync(["backup", "copy.db", "--Storage:Provider=Postgres", "--Storage:ConnectionString=Host=127.0.0.1;Database=bot;Username=bot"]);
        var memory = await ProgramTests.RunAsync(["backup", "copy.db", "--Storage:ConnectionString=Data Source=:memory:"]);
        var none = await ProgramTests.RunAsync(["backup", "copy.db", Argument]);
        var usage = await ProgramTests.RunAsync(["backup"]);

        Assert.Equal(1, postgres.Code);
        Assert.Contains("pg_dump", postgres.Error, StringComparison.Ordinal);
        Assert.Equal(1, memory.Code);
        Assert.StartsWith("backup: no database file is configured", memory.Error, StringComparison.Ordinal);
        Assert.Equal(1, none.Code);
        Assert.StartsWith($"backup: the SQLite database {Database} does not exist yet", none.Error, StringComparison.Ordinal);
        Assert.Equal(2, usage.Code);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    private string Argument => $"--Storage:ConnectionString=Data Source={Database}";

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>Inserts two rows per transaction until stopped; returns the transactions committed.</summary>
    private int WritePairs(TaskCompletionSource firstPair, CancellationToken stop)
    {
        using var connection = new SqliteConnection($"Data Source={Database};Pooling=False");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "PRAGMA busy_timeout=10000; CREATE TABLE pairs (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)";
            create.ExecuteNonQuery();
        }

        var count = 0;
        while (!stop.IsCancellationRequested)
        {
            using var transaction = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO pairs (payload) VALUES (randomblob(200)); INSERT INTO pairs (payload) VALUES (randomblob(200));";
            insert.ExecuteNonQuery();
            transaction.Commit();
            count++;
            firstPair.TrySetResult();
        }

        return count;
    }
}
