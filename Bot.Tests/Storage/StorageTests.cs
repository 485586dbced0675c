using Bot.Core.Kernel;
using Bot.Core.Storage;
using Bot.Discord;
using Bot.Telegram;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Bot.Tests.Storage;

public sealed class StorageTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task First_start_creates_the_file_and_our_schema_and_a_restart_keeps_the_data()
    {
        using var temp = new TempSqlite();
        await using (var database = temp.Open(_time))
        {
            await database.InitializeAsync(CancellationToken.None);
            await new SubscriptionStore(database, _time).UpsertAsync(new Subscription(new ChatAddress(TelegramPlatform.Id, "-100", ChatKind.Group), SubscriptionTopics.Summits, UiLanguage.En), "t:1", CancellationToken.None);
        }

        Assert.True(File.Exists(temp.File));
        await using var again = temp.Open(_time);
        await again.InitializeAsync(CancellationToken.None);
        await using var connection = await again.OpenAsync(CancellationToken.None);
        Assert.Equal((long)BotDatabase.LatestVersion, await BotDatabase.ScalarAsync(connection, null, "SELECT MAX(version) FROM bot_schema_version", CancellationToken.None));
        Assert.Equal((long)BotDatabase.LatestVersion, await BotDatabase.ScalarAsync(connection, null, "SELECT COUNT(*) FROM bot_schema_version", CancellationToken.None));
        var subscription = Assert.Single(await new SubscriptionStore(again, _time).ListAsync(CancellationToken.None));
        Assert.Equal(SubscriptionTopics.Summits, subscription.Topics);
        Assert.Equal(UiLanguage.En, subscription.Language);
        Assert.Equal(1L, await BotDatabase.ScalarAsync(connection, null, "SELECT COUNT(*) FROM bot_audit WHERE action = 'subscribe'", CancellationToken.None));
    }

    [Fact]
    public async Task A_second_process_on_the_same_sqlite_file_refuses_to_start_with_a_clear_message()
    {
        using var temp = new TempSqlite();
        await using var first = temp.Open(_time);
        await first.InitializeAsync(CancellationToken.None);

        await using var second = temp.Open(_time);
        var error = await Assert.ThrowsAsync<Bot.Core.Hosting.BotStartupException>(() => second.InitializeAsync(CancellationToken.None));

        Assert.Contains("Another bot process is already using the SQLite database", error.Message, StringComparison.Ordinal);
        Assert.Contains("Storage:Provider=Postgres", error.Message, StringComparison.Ordinal);

        await first.DisposeAsync();
        await using var third = temp.Open(_time);
        await third.InitializeAsync(CancellationToken.None);
    }

    [SkippableFact]
    public async Task The_lock_holds_against_another_process_and_is_freed_when_that_process_is_killed()
    {
        Skip.IfNot(OperatingSystem.IsLinux() && File.Exists("/usr/bin/flock"), "needs Linux and /usr/bin/flock (util-linux) to hold the lock from another process");
        using var temp = new TempSqlite();
        var start = new System.Diagnostics.ProcessStartInfo("/usr/bin/flock", ["-n", "-o", temp.File + ".lock", "-c", "echo locked; exec sleep 60"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // -o: only flock itself holds the lock (not its child), so its exit releases it.
        using var other = System.Diagnostics.Process.Start(start)!;
        try
        {
            Assert.Equal("locked", await other.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20)));

            await using (var blocked = temp.Open(_time))
            {
                var error = await Assert.ThrowsAsync<Bot.Core.Hosting.BotStartupException>(() => blocked.InitializeAsync(CancellationToken.None));
                Assert.Contains("Another bot process", error.Message, StringComparison.Ordinal);
            }

            other.Kill(entireProcessTree: true); // SIGKILL, as kill -9
            await other.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));

            await using var database = temp.Open(_time);
            await database.InitializeAsync(CancellationToken.None);
        }
        finally
        {
            if (!other.HasExited)
            {
                other.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public void Options_validation_names_the_settings()
    {
        var validator = new StorageOptionsValidator();

        var postgres = validator.Validate(null, new StorageOptions { ProviderName = "Postgres" });
        Assert.True(postgres.Failed);
        Assert.Contains("Storage:ConnectionString", postgres.FailureMessage, StringComparison.Ordinal);
        Assert.True(validator.Validate(null, new StorageOptions()).Succeeded);
        Assert.Equal("Data Source=bot.db", new StorageOptions().EffectiveConnectionString);
    }

    [SkippableFact]
    public async Task Postgres_two_nodes_migrating_at_once_apply_the_schema_once()
    {
        TestPostgres.SkipIfAbsent();
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        await using var a = new BotDatabase(StorageProvider.Postgres, connectionString, _time, NullLogger<BotDatabase>.Instance);
        await using var b = new BotDatabase(StorageProvider.Postgres, connectionString, _time, NullLogger<BotDatabase>.Instance);

        await Task.WhenAll(a.InitializeAsync(CancellationToken.None), b.InitializeAsync(CancellationToken.None));

        await using var connection = await a.OpenAsync(CancellationToken.None);
        Assert.Equal((long)BotDatabase.LatestVersion, await BotDatabase.ScalarAsync(connection, null, "SELECT COUNT(*) FROM bot_schema_version", CancellationToken.None));
        var store = new SubscriptionStore(b, _time);
        var chat = new ChatAddress(DiscordPlatform.Id, "123", ChatKind.Group);
        await store.UpsertAsync(new Subscription(chat, SubscriptionTopics.All, UiLanguage.Nl), "d:1", CancellationToken.None);
        await store.UpsertAsync(new Subscription(chat, SubscriptionTopics.Protests, UiLanguage.Nl), "d:1", CancellationToken.None);
        Assert.Equal(SubscriptionTopics.Protests, (await store.GetAsync(chat, CancellationToken.None))?.Topics);
        Assert.True(await store.RemoveAsync(chat, "d:1", CancellationToken.None));
        Assert.Empty(await store.ListAsync(CancellationToken.None));
    }
}
