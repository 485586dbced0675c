namespace Bot.Core.Storage;

/// <summary>Settings of the database (section <c>Storage</c>).</summary>
internal sealed class StorageOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Storage";

    /// <summary>SQLite (default) or Postgres.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>
    /// The ADO.NET connection string. For SQLite the default is <c>Data Source=bot.db</c> (in the
    /// working folder, created on first start); for PostgreSQL it is required.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>The connection string in effect.</summary>
    public string EffectiveConnectionString =>
        string.IsNullOrWhiteSpace(ConnectionString) && Provider == StorageProvider.Sqlite ? "Data Source=bot.db" : ConnectionString ?? string.Empty;
}
