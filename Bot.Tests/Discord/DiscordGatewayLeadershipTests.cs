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
        // The scheduled-event sync asks for the lead too; here only the gateway's looks may take it back.
        await using var bot = await DiscordBotHarness.StartAsync(
            fake,
            new Dictionary<string, string?> { ["Discord:ScheduledEvents"] = "false" },
            services: s => s.AddSingleton(new PlatformLeadership(Database(connection))));

        // Another node leads: this one stands by, and never opens a gateway session meanwhile.
        await bot.Time.WaitForTimerAsync(Recheck);
        Assert.False(fake.HasPendingConnection);
        Assert.Contains(bot.Logs.Lines, l => l.Message.Contains("another node is connected", StringComparison.Ordinal));

        // The other node goes: this one connects at its next look.
        await other.DisposeAsync();
        bot.Time.Advance(Recheck);
        var session = await DiscordBotHarness.ConnectAsync(fake);
        Assert.Contains(bot.Logs.Lines, l => l.Message.Contains("this node connects now", StringComparison.Ordinal));

        // Its database session dies (a network split) and another node takes the lead: it disconnects.
        await TerminateLockHolderAsync(connection);
        var usurper = new PlatformLeadership(database);
        Assert.True(await usurper.HoldAsync(CancellationToken.None));
        await bot.Time.WaitForTimerAsync(Recheck);
        bot.Time.Advance(Recheck);
        await session.WaitClientClosedAsync();
        Assert.Contains(bot.Logs.Lines, l => l.Message.Contains("no longer leads", StringComparison.Ordinal));
        await usurper.DisposeAsync();
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
