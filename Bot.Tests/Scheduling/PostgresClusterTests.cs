using System.Globalization;
using Bot.Core.Delivery;
using Bot.Core.Kernel;
using Bot.Core.Storage;
using Bot.Host;
using Bot.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bot.Tests.Scheduling;

/// <summary>
/// Two clustered nodes (two Quartz schedulers with distinct instance ids) on one PostgreSQL database,
/// on real time with second-scale intervals. Skipped, with the reason, when BOT_TEST_POSTGRES is absent.
/// </summary>
[Collection(Bot.Tests.Broadcast.RealTimeLoad.Name)]
public sealed class PostgresClusterTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("bot-cluster-");

    public void Dispose() => _root.Delete(recursive: true);

    private static Dictionary<string, string?> Settings(string connectionString, string node) => new()
    {
        ["Storage:Provider"] = "Postgres",
        ["Storage:ConnectionString"] = connectionString,
        ["Scheduler:InstanceId"] = node,
        ["Scheduler:ClusterCheckinInterval"] = "00:00:01",
        ["Scheduler:ClusterCheckinMisfireThreshold"] = "00:00:01",
        ["Scheduler:MisfireThreshold"] = "00:00:02",
        ["Events:File"] = "events.yaml",
        ["Events:Watch"] = "false",
        ["Delivery:PollInterval"] = "00:00:00.200",
    };

    /// <summary>An event whose single reminder ("1 day before") fires <paramref name="inSeconds"/> from now.</summary>
    private static string Event(string id, DateTime nowUtc, int inSeconds) => $"""
          - id: {id}
            kind: summit
            title: {"{"} nl: Top {id}, en: Summit {id} {"}"}
            start: {nowUtc.AddDays(1).AddSeconds(inSeconds).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)}
            timezone: UTC
            reminders: [1d]

        """;

    [SkippableFact]
    public async Task Two_clustered_nodes_deliver_each_reminder_once_and_the_survivor_takes_over()
    {
        TestPostgres.SkipIfAbsent();
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        await File.WriteAllTextAsync(Path.Combine(_root.FullName, "events.yaml"), "events:\n" + Event("first", now, 4) + Event("second", now, 9));

        using var messengerA = new RecordingMessenger();
        using var messengerB = new RecordingMessenger();
        using var a = SchedulingHost.Build(_root.FullName, Settings(connectionString, "node-a"), messengerA);
        using var b = SchedulingHost.Build(_root.FullName, Settings(connectionString, "node-b"), messengerB);
        await Task.WhenAll(a.StartAsync(), b.StartAsync());
        await a.Services.GetRequiredService<SubscriptionStore>().UpsertAsync(
            new Subscription(ConsolePlatform.Chat, SubscriptionTopics.All, UiLanguage.Nl), "test", CancellationToken.None);

        // The first reminder: exactly one of the two nodes sends it.
        await WaitUntilAsync(() => messengerA.Sent.Count + messengerB.Sent.Count >= 1, TimeSpan.FromSeconds(30));

        // Node A goes away; node B alone must deliver the second reminder.
        await a.StopAsync();
        await WaitUntilAsync(() => messengerB.Sent.Any(s => s.Text.Contains("second", StringComparison.Ordinal)), TimeSpan.FromSeconds(30));
        await b.StopAsync();

        var all = messengerA.Sent.Concat(messengerB.Sent).ToList();
        Assert.Equal(2, all.Count);
        Assert.Single(all, s => s.Text.Contains("Top first", StringComparison.Ordinal));
        Assert.Single(all, s => s.Text.Contains("Top second", StringComparison.Ordinal));
        var rows = await b.Services.GetRequiredService<OutboxStore>().ListAsync(CancellationToken.None);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(OutboxStatus.Sent, r.Status));
    }

    private static async Task WaitUntilAsync(Func<bool> done, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!done())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System, cts.Token);
        }
    }
}
