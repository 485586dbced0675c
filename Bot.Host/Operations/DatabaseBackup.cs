using Bot.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Bot.Host.Operations;

/// <summary>
/// <c>backup &lt;file&gt;</c>: a consistent copy of the SQLite database, also while the bot runs (SQLite's online
/// backup API: the copy is one moment of the database, whatever is written meanwhile). Written beside the target
/// and moved into place, so a failed backup never leaves half a file under the target's name.
/// </summary>
internal static class DatabaseBackup
{
    public static int Run(BotDatabase database, string target, TextWriter output, TextWriter error)
    {
        if (database.Provider == StorageProvider.Postgres)
        {
            error.WriteLine("backup: the bot's database is PostgreSQL (Storage:Provider=Postgres); back it up with pg_dump, such as: pg_dump --format=custom --file=bot.dump \"<the connection's database>\" (see docs/operations.md).");
            return BotProgram.Failed;
        }

        if (database.DatabaseFile is not { } source)
        {
            error.WriteLine("backup: no database file is configured (Storage:ConnectionString is an in-memory SQLite database); set Data Source=<file>, such as Data Source=bot.db.");
            return BotProgram.Failed;
        }

        if (!File.Exists(source))
        {
            error.WriteLine($"backup: the SQLite database {source} does not exist yet; start the bot once, or check Storage:ConnectionString.");
            return BotProgram.Failed;
        }

        var destination = Path.GetFullPath(target);
        if (string.Equals(destination, source, StringComparison.Ordinal))
        {
            error.WriteLine($"backup: {target} is the database itself; name another file.");
            return BotProgram.Failed;
        }

        var partial = destination + ".partial";
        try
        {
            using (var from = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
            using (var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
            {
                from.Open();
                // Wait for a writer's transaction to end instead of failing with "database is locked".
                using (var busy = from.CreateCommand())
                {
                    busy.CommandText = "PRAGMA busy_timeout=10000;";
                    busy.ExecuteNonQuery();
                }

                from.BackupDatabase(to);
            }

            File.Move(partial, destination, overwrite: true);
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            TryDelete(partial);
            var reason = ex is SqliteException { SqliteErrorCode: 14 } or UnauthorizedAccessException or DirectoryNotFoundException
                ? $"the folder {Path.GetDirectoryName(destination)} does not exist or is not writable"
                : ex.Message.TrimEnd('.');
            error.WriteLine($"backup: cannot write {destination}: {reason}.");
            return BotProgram.Failed;
        }

        output.WriteLine($"Backed up {source} to {destination} ({new FileInfo(destination).Length} bytes).");
        return BotProgram.Ok;
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
