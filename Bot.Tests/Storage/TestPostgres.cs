using Npgsql;

namespace Bot.Tests.Storage;

/// <summary>
/// The PostgreSQL server of <c>.ci/postgres.sh</c>, named by env <c>BOT_TEST_POSTGRES</c>. Each test
/// gets a fresh database of its own. Without the variable the tests are skipped with the reason.
/// </summary>
internal static class TestPostgres
{
    public const string Variable = "BOT_TEST_POSTGRES";

    public static string? ServerConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } s ? s : null;

    public static void SkipIfAbsent() =>
        Xunit.Skip.If(ServerConnectionString is null, $"{Variable} is not set: no PostgreSQL server (run .ci/postgres.sh, or .ci/run which does)");

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var server = new NpgsqlConnectionStringBuilder(ServerConnectionString!);
        var name = "bot_t_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE {name}";
            await command.ExecuteNonQueryAsync();
        }

        server.Database = name;
        return server.ConnectionString;
    }
}
