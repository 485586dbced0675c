using Bot.Core.Events;
using Bot.Core.Storage;
using Bot.Tests.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Bot.Tests.Scheduling;

/// <summary>The feed copies and calendar sequences on SQLite and PostgreSQL, including two nodes revising at once.</summary>
public sealed class CalendarStoresTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 10, 12, 12, 0, 0, TimeSpan.Zero));
    private readonly TempSqlite _temp = new();

    public void Dispose() => _temp.Dispose();

    private async Task<(BotDatabase A, BotDatabase B)> OpenAsync(string provider)
    {
        if (provider == "postgres")
        {
            TestPostgres.SkipIfAbsent();
            var connection = await TestPostgres.CreateDatabaseAsync();
            var a = new BotDatabase(StorageProvider.Postgres, connection, _time, NullLogger<BotDatabase>.Instance);
            await a.InitializeAsync(CancellationToken.None);
            return (a, new BotDatabase(StorageProvider.Postgres, connection, _time, NullLogger<BotDatabase>.Instance));
        }

        var sqlite = _temp.Open(_time);
        await sqlite.InitializeAsync(CancellationToken.None);
        return (sqlite, _temp.Open(_time));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Feed_copies_and_sequences_are_stored_and_two_nodes_bump_a_change_once(string provider)
    {
        var (a, b) = await OpenAsync(provider);
        await using var first = a;
        await using var second = b;
        var url = new Uri("https://lu.ma/ics/pauseai");
        var cache = new FeedCacheStore(first, _time);
        Assert.Null(await cache.GetAsync(url, CancellationToken.None));
        await cache.SaveAsync(url, new FeedCopy(null, null, "BEGIN:VCALENDAR"), CancellationToken.None);
        await cache.SaveAsync(url, new FeedCopy("\"v2\"", "Thu, 01 Oct 2026 12:00:00 GMT", "BEGIN:VCALENDAR v2"), CancellationToken.None);
        Assert.Equal(new FeedCopy("\"v2\"", "Thu, 01 Oct 2026 12:00:00 GMT", "BEGIN:VCALENDAR v2"), await new FeedCacheStore(second, _time).GetAsync(url, CancellationToken.None));

        var one = new CalendarSequenceStore(first, _time);
        var two = new CalendarSequenceStore(second, _time);
        var created = _time.GetUtcNow();
        Assert.Equal(new CalendarRevision(0, created), (await one.ReviseAsync([("x@pauseai-bot", "A")], CancellationToken.None))["x@pauseai-bot"]);
        _time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(new CalendarRevision(0, created), (await two.ReviseAsync([("x@pauseai-bot", "A")], CancellationToken.None))["x@pauseai-bot"]);

        // The event changes; both nodes serve the calendar at the same moment: one bump, not two.
        var both = await Task.WhenAll(one.ReviseAsync([("x@pauseai-bot", "B")], CancellationToken.None), two.ReviseAsync([("x@pauseai-bot", "B")], CancellationToken.None));
        Assert.All(both, r => Assert.Equal(new CalendarRevision(1, _time.GetUtcNow()), r["x@pauseai-bot"]));
        Assert.Equal(2, (await one.ReviseAsync([("x@pauseai-bot", "C")], CancellationToken.None))["x@pauseai-bot"].Sequence);
    }
}
