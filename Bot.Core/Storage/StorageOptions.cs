namespace Bot.Core.Storage;

/// <summary>Settings of the database (section <c>Storage</c>).</summary>
internal sealed class StorageOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Storage";

    /// <summary>
    /// The setting as written: <c>Sqlite</c> (default) or <c>Postgres</c>, in any case. Bound as text so
    /// that an unknown name becomes a validation problem instead of a binding exception.
    /// </summary>
    [Microsoft.Extensions.Configuration.ConfigurationKeyName("Provider")]
    public string? ProviderName { get; set; }

    /// <summary>SQLite (default) or Postgres; an unknown <see cref="ProviderName"/> gives a value outside the enum.</summary>
    public StorageProvider ProviderKind =>
        string.IsNullOrWhiteSpace(ProviderName) ? StorageProvider.Sqlite
        : Enum.TryParse<StorageProvider>(ProviderName.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsDigit(ProviderName.Trim()[0]) ? parsed
        : (StorageProvider)(-1);

    /// <summary>
    /// The ADO.NET connection string. For SQLite the default is <c>Data Source=bot.db</c> (in the
    /// working folder, created on first start); for PostgreSQL it is required.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>The connection string in effect.</summary>
    public string EffectiveConnectionString =>
        string.IsNullOrWhiteSpace(ConnectionString) && ProviderKind == StorageProvider.Sqlite ? "Data Source=bot.db" : ConnectionString ?? string.Empty;

    /// <summary>
    /// The connection string with a relative SQLite file made absolute against <paramref name="root"/>
    /// (the working folder), so our connections and Quartz's open the same file.
    /// </summary>
    public string ResolvedConnectionString(string root)
    {
        var value = EffectiveConnectionString;
        if (ProviderKind != StorageProvider.Sqlite)
        {
            return value;
        }

        Microsoft.Data.Sqlite.SqliteConnectionStringBuilder builder;
        try
        {
            builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(value);
        }
        catch (ArgumentException)
        {
            return value; // StorageOptionsValidator names the problem.
        }

        if (builder.Mode != Microsoft.Data.Sqlite.SqliteOpenMode.Memory && builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.GetFullPath(builder.DataSource, root);
        }

        return builder.ToString();
    }
}
