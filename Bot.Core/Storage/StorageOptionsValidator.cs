using Microsoft.Extensions.Options;

namespace Bot.Core.Storage;

/// <summary>Checks <see cref="StorageOptions"/> and names every bad setting.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (!Enum.IsDefined(options.Provider))
        {
            problems.Add("Storage:Provider must be Sqlite or Postgres.");
        }

        if (options.Provider == StorageProvider.Postgres && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            problems.Add("Storage:ConnectionString is required when Storage:Provider is Postgres (Host=…;Username=…;Password=…;Database=…).");
        }

        if (options.Provider == StorageProvider.Sqlite && !string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            try
            {
                var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(options.ConnectionString);
                if (string.IsNullOrWhiteSpace(builder.DataSource))
                {
                    problems.Add("Storage:ConnectionString for SQLite must name a file: Data Source=bot.db.");
                }
            }
            catch (ArgumentException ex)
            {
                problems.Add($"Storage:ConnectionString is not a valid SQLite connection string: {ex.Message}");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
