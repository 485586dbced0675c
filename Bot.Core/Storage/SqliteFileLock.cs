using Bot.Core.Hosting;

namespace Bot.Core.Storage;

/// <summary>
/// Keeps a second process away from a SQLite database: Quartz on SQLite cannot cluster, and two
/// processes on one file fire every trigger twice without a warning. The lock is an exclusive
/// open of <c>&lt;database&gt;.lock</c> next to the file; .NET takes an OS file lock (flock) for
/// <see cref="FileShare.None"/>, which the OS releases when the process dies, even on kill -9.
/// </summary>
internal sealed class SqliteFileLock : IDisposable
{
    private readonly FileStream _stream;

    private SqliteFileLock(FileStream stream, string path)
    {
        _stream = stream;
        Path = path;
    }

    /// <summary>The lock file.</summary>
    public string Path { get; }

    /// <summary>Takes the lock or throws with a message an operator understands.</summary>
    public static SqliteFileLock Acquire(string databaseFile)
    {
        var path = System.IO.Path.GetFullPath(databaseFile) + ".lock";
        try
        {
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            stream.SetLength(0);
            using (var writer = new StreamWriter(stream, leaveOpen: true))
            {
                writer.Write(Environment.ProcessId);
            }

            stream.Flush();
            return new SqliteFileLock(stream, path);
        }
        catch (IOException ex)
        {
            throw new BotStartupException(
                $"Another bot process is already using the SQLite database {System.IO.Path.GetFullPath(databaseFile)} (lock file {path} is held). " +
                "SQLite serves one process only: stop the other process, or use Storage:Provider=Postgres to run several instances.",
                ex);
        }
    }

    public void Dispose() => _stream.Dispose();
}
