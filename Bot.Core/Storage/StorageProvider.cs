namespace Bot.Core.Storage;

/// <summary>The database the bot keeps its state in.</summary>
public enum StorageProvider
{
    /// <summary>A local SQLite file: one process only.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server: one or more processes (clustered Quartz).</summary>
    Postgres,
}
