using Bot.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bot.Tests.Storage;

/// <summary>A SQLite database file in a fresh temporary folder, deleted afterwards.</summary>
internal sealed class TempSqlite : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("bot-db-");

    public string File => Path.Combine(_folder.FullName, "bot.db");

    public string ConnectionString => $"Data Source={File}";

    public BotDatabase Open(TimeProvider time) => new(StorageProvider.Sqlite, ConnectionString, time, NullLogger<BotDatabase>.Instance);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }
}
