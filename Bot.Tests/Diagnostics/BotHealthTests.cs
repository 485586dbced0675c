using Bot.Core;
using Bot.Core.Diagnostics;
using Bot.Core.Events;
using Bot.Core.Kernel;
using Bot.Core.Storage;
using Bot.Host.Operations;
using Bot.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Bot.Tests.Diagnostics;

/// <summary>The health state behind <c>/readyz</c> belongs to one host, on its injected clock: two hosts in one process do not share it.</summary>
public sealed class BotHealthTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("bot-health-");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _root.Delete(recursive: true);
    }

    [Fact]
    public async Task Two_hosts_in_one_process_keep_their_own_health_on_their_own_clock()
    {
        var clockA = new FakeTimeProvider(new DateTimeOffset(2026, 12, 5, 13, 0, 0, TimeSpan.Zero));
        var clockB = new FakeTimeProvider(new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var a = Build("a", clockA);
        using var b = Build("b", clockB);
        await a.Services.GetRequiredService<BotDatabase>().InitializeAsync(takeLock: false, CancellationToken.None);
        var healthA = a.Services.GetRequiredService<BotHealth>();
        var healthB = b.Services.GetRequiredService<BotHealth>();
        Assert.NotSame(healthA, healthB);
        Assert.Same(healthA, a.Services.GetRequiredService<BotHealth>());

        // Host A's feed is down (nothing listens on port 9); its poll is recorded at A's fake time, in A only.
        Assert.Equal(0, await a.Services.GetRequiredService<EventFeedPoller>().PollAsync(CancellationToken.None));
        Assert.Equal(clockA.GetUtcNow(), healthA.FeedsLastFailure);
        Assert.Null(healthB.FeedsLastFailure);
        var feedsA = await new FeedsHealthCheck(a.Services.GetRequiredService<IOptionsMonitor<EventsOptions>>(), healthA).CheckHealthAsync(new HealthCheckContext());
        var feedsB = await new FeedsHealthCheck(b.Services.GetRequiredService<IOptionsMonitor<EventsOptions>>(), healthB).CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Degraded, feedsA.Status);
        Assert.Equal(HealthStatus.Degraded, feedsB.Status);

        healthB.RecordFeeds(succeeded: true);
        Assert.Equal(clockB.GetUtcNow(), healthB.FeedsLastSuccess);
        Assert.Null(healthA.FeedsLastSuccess);
        feedsB = await new FeedsHealthCheck(b.Services.GetRequiredService<IOptionsMonitor<EventsOptions>>(), healthB).CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Healthy, feedsB.Status);
        Assert.Contains("2031-01-01 00:00:00Z", feedsB.Description, StringComparison.Ordinal);

        // A platform that connected in host A is not connected in host B.
        healthA.RecordPlatform("Telegram", connected: true);
        var platforms = new PlatformDirectory([Bot.Telegram.TelegramPlatform.Description]);
        Assert.Equal(HealthStatus.Healthy, (await new PlatformsHealthCheck(platforms, healthA).CheckHealthAsync(new HealthCheckContext())).Status);
        Assert.Equal(HealthStatus.Degraded, (await new PlatformsHealthCheck(platforms, healthB).CheckHealthAsync(new HealthCheckContext())).Status);
    }

    private IHost Build(string name, TimeProvider time)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root.FullName, name));
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = folder.FullName,
            EnvironmentName = "Test",
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Content:Path"] = TestPaths.Content,
            ["Events:Feeds:0:Url"] = "http://127.0.0.1:9/feed.ics",
            ["Events:FeedTimeout"] = "00:00:02",
        });
        builder.Services.AddSingleton(time);
        builder.AddBotCore();
        return builder.Build();
    }
}
