using Bot.Core.Delivery;
using Bot.Core.Storage;
using Bot.Tests.Discord.Support;
using Bot.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit;

namespace Bot.Tests.Discord;

/// <summary>
/// Discord sends every event to every gateway session of a token: on PostgreSQL only the leading node
/// keeps one, so an interaction is answered once, by the node whose limiter counts all the sends.
/// </summary>
public sealed class DiscordGatewayLeadershipTests
{
    private static readonly TimeSpan Recheck = TimeSpan.FromSeconds(5);

    [SkippableFact]
    public async Task Only_the_leading_node_connects_and_a_node_that_loses_the_lead_disconnects()
    {
        TestPostgres.SkipIfAbsent();
        var connection = await TestPostgres.CreateDatabaseAsync();
        await using var database = Database(connection);
        var other = new PlatformLeadership(database);
        Assert.True(await other.HoldAsync(CancellationToken.None));

        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await DiscordBotHarness.StartAsync(fake, services: s => s.AddSingleton(_ => new PlatformLeadership(Database(connection))));

        // Another node leads: this one stands by, and never opens a gateway session meanwhile.
        await bot.Time.WaitForTimerAsync(Recheck);
        Assert.False(fake.HasPendingConnection);
        Assert.Contains(bot.Logs.Lines, l => l.Message.Contains("another node is connected", StringComparison.Ordinal));

        // The other node goes: this one connects at its next look.
        await other.DisposeAsync();
        bot.Time.Advance(Recheck);
        var session = await DiscordBotHarness.ConnectAsync(fake);
        Assert.Contains(bot.Logs.Lines, l => l.Message.Contains("this node connects now", StringComparison.Ordinal));

        // Its database session dies (a network split) and another node, already waiting for the lock, takes
        // the lead: at its next look this one disconnects.
        await using var usurper = new NpgsqlConnection(connection);
        await usurper.OpenAsync();
        var taking = WaitForLockAsync(usurper);
        await WaitUntilSomeoneWaitsForTheLockAsync(connection);
        await TerminateLockHolderAsync(connection);
        await taking;
        await bot.Time.WaitForTimerAsync(Recheck);
        bot.Time.Advance(Recheck);
        await session.WaitClientClosedAsync();
        Assert.Contains(bot.Logs.Lines, l => l.Message.Contains("no longer leads", StringComparison.Ordinal));
    }

    private static async Task WaitForLockAsync(NpgsqlConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT pg_advisory_lock(@key)";
        command.Parameters.AddWithValue("key", PlatformLeadership.LockKey);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task WaitUntilSomeoneWaitsForTheLockAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted";
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while ((long)(await command.ExecuteScalarAsync(timeout.Token))! == 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System, timeout.Token);
        }
    }

    private static BotDatabase Database(string connection) => new(StorageProvider.Postgres, connection, TimeProvider.System, NullLogger<BotDatabase>.Instance);

    private static async Task TerminateLockHolderAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted";
        Assert.Equal(true, await command.ExecuteScalarAsync());
    }
}
