using Bot.Core.Delivery;
using Bot.Core.Storage;
using Bot.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Bot.Tests.Telegram;

/// <summary>
/// On PostgreSQL only the node that sends reminders polls Telegram, so every answer leaves from the node
/// whose limiter knows all the bot's sends; another node takes over polling when the leader goes.
/// </summary>
public sealed class TelegramPollingLeadershipTests
{
    [SkippableFact]
    public async Task A_node_that_does_not_lead_does_not_poll_until_the_leader_goes()
    {
        TestPostgres.SkipIfAbsent();
        var connection = await TestPostgres.CreateDatabaseAsync();
        await using var database = new BotDatabase(StorageProvider.Postgres, connection, TimeProvider.System, NullLogger<BotDatabase>.Instance);
        var leader = new PlatformLeadership(database);
        Assert.True(await leader.HoldAsync(CancellationToken.None));

        await using var follower = await TelegramTestHost.StartAsync(
            services: s => s.AddSingleton(new PlatformLeadership(new BotDatabase(StorageProvider.Postgres, connection, TimeProvider.System, NullLogger<BotDatabase>.Instance))));

        // The follower stands by: it waits to ask again, and never calls getUpdates meanwhile.
        Assert.Equal(TimeSpan.FromSeconds(5), await follower.Time.NextTimerAsync());
        Assert.Empty(follower.Api.CallsTo("getUpdates"));
        Assert.Contains(follower.Logs.Lines, l => l.Contains("Another node polls Telegram", StringComparison.Ordinal));

        // The leader goes: the follower polls at its next look.
        await leader.DisposeAsync();
        follower.Time.Advance(TimeSpan.FromSeconds(5));
        await follower.Api.WaitForAsync("getUpdates");
        Assert.Contains(follower.Logs.Lines, l => l.Contains("This node polls Telegram now", StringComparison.Ordinal));
    }
}
