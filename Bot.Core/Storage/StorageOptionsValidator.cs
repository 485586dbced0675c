using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;

namespace Bot.Core.Storage;

/// <summary>Checks <see cref="StorageOptions"/> and names every bad setting.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (!Enum.IsDefined(options.ProviderKind))
        {
            problems.Add($"Storage:Provider must be Sqlite or Postgres (was '{options.ProviderName}').");
        }

        if (options.ProviderKind == StorageProvider.Postgres && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            problems.Add("Storage:ConnectionString is required when Storage:Provider is Postgres (Host=…;Username=…;Password=…;Database=…).");
        }

        if (options.ProviderKind == StorageProvider.Postgres && !string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            CheckPostgres(options.ConnectionString, problems);
        }

        if (options.ProviderKind == StorageProvider.Sqlite && !string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            try
            {
                var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(options.ConnectionString);
                if (string.IsNullOrWhiteSpace(builder.DataSource))
                {
                    problems.Add("Storage:ConnectionString for SQLite must name a file: Data Source=bot.db.");
                }
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException)
            {
                problems.Add($"Storage:ConnectionString is not a valid SQLite connection string ({ex.Message}); expected Data Source=bot.db.");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>In its own method: only a PostgreSQL setting loads Npgsql (the SQLite bot never maps it).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void CheckPostgres(string connectionString, List<string> problems)
    {
        try
        {
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
            if (string.IsNullOrWhiteSpace(builder.Host))
            {
                problems.Add("Storage:ConnectionString for PostgreSQL must name the server: Host=…;Username=…;Password=…;Database=….");
            }
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException)
        {
            problems.Add($"Storage:ConnectionString is not a valid PostgreSQL connection string ({ex.Message}); expected Host=…;Username=…;Password=…;Database=….");
        }
    }
}
