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

    /// <summary>
    /// The connection string with a relative SQLite file made absolute against <paramref name="root"/>
    /// (the working folder), so our connections and Quartz's open the same file.
    /// </summary>
    public string ResolvedConnectionString(string root)
    {
        var value = EffectiveConnectionString;
        if (Provider != StorageProvider.Sqlite)
        {
            return value;
        }

        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(value);
        if (builder.Mode != Microsoft.Data.Sqlite.SqliteOpenMode.Memory && builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.GetFullPath(builder.DataSource, root);
        }

        return builder.ToString();
    }
}
