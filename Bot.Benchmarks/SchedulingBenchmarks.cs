using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Bot.Core.Events;
using Bot.Core.Kernel;
using Bot.Core.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Quartz;

namespace Bot.Benchmarks;

/// <summary>
/// Scheduling 1,000 events × 3 offsets into Quartz (in-memory store) and re-syncing after 100 events
/// moved. Run: dotnet run -c Release --project Bot.Benchmarks -- --filter '*SchedulingBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class SchedulingBenchmarks : IDisposable
{
    private static readonly DateTimeOffset Now = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private ServiceProvider _services = null!;
    private IScheduler _scheduler = null!;
    private EventCatalog _catalog = null!;
    private ReminderScheduleSync _sync = null!;
    private CatalogLoadResult _events = null!;
    private CatalogLoadResult _moved = null!;
    private string? _folder;

    /// <summary>Quartz's store: in memory, or the persistent SQLite store the bot uses by default.</summary>
    [Params("Memory", "Sqlite")]
    public string Store { get; set; } = "Memory";

    [GlobalSetup]
    public void Setup()
    {
        var time = new FixedTime(Now);
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddQuartz(q =>
        {
            q.UseTimeProvider(time);
            if (Store == "Sqlite")
            {
                _folder = Directory.CreateTempSubdirectory("bot-bench-").FullName;
                q.UsePersistentStore(store =>
                {
                    store.UseSqlite($"Data Source={Path.Combine(_folder, "bench.db")}");
                    store.ProvisionSchema();
                });
            }
            else
            {
                q.UseInMemoryStore();
            }

            q.AddJob<ReminderJob>(j => j.WithIdentity(ReminderJob.Key).StoreDurably());
        });
        _services = collection.BuildServiceProvider();
        var factory = _services.GetRequiredService<ISchedulerFactory>();
        _scheduler = factory.GetScheduler().AsTask().GetAwaiter().GetResult();
        _catalog = new EventCatalog(NullLogger<EventCatalog>.Instance);
        _sync = new ReminderScheduleSync(factory, _catalog, new Monitor(), time, NullLogger<ReminderScheduleSync>.Instance);
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        _events = new CatalogLoadResult(Enumerable.Range(0, 1000).Select(i => Event(i, zone, 0)).ToList(), []);
        _moved = new CatalogLoadResult(Enumerable.Range(0, 1000).Select(i => Event(i, zone, i % 10 == 0 ? 2 : 0)).ToList(), []);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _sync.Dispose();
        _services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_folder is not null)
        {
            Directory.Delete(_folder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    [IterationSetup(Target = nameof(ScheduleThousandEvents))]
    public void Empty()
    {
        _catalog.SetSource("file", new CatalogLoadResult([], []));
        _sync.SyncAsync(_scheduler, CancellationToken.None).GetAwaiter().GetResult();
        _catalog.SetSource("file", _events);
    }

    [IterationSetup(Target = nameof(ResyncAfterHundredMoved))]
    public void Full()
    {
        _catalog.SetSource("file", _events);
        _sync.SyncAsync(_scheduler, CancellationToken.None).GetAwaiter().GetResult();
        _catalog.SetSource("file", _moved);
    }

    /// <summary>3,000 triggers added to an empty schedule.</summary>
    [Benchmark]
    public int ScheduleThousandEvents() => _sync.SyncAsync(_scheduler, CancellationToken.None).GetAwaiter().GetResult().Added;

    /// <summary>100 of 1,000 events moved by two days: 300 triggers moved, 2,700 kept.</summary>
    [Benchmark]
    public int ResyncAfterHundredMoved() => _sync.SyncAsync(_scheduler, CancellationToken.None).GetAwaiter().GetResult().Moved;

    private static BotEvent Event(int i, TimeZoneInfo zone, int shiftDays)
    {
        var start = new DateTime(2030, 2, 1, 10, 0, 0).AddHours(i * 7).AddDays(shiftDays);
        return new BotEvent($"event-{i}", i % 2 == 0 ? EventKind.Summit : EventKind.Protest, new LocalizedText($"Evenement {i}", $"Event {i}"),
            start, start.AddHours(3), zone, "Amsterdam", null, null);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private sealed class Monitor : Microsoft.Extensions.Options.IOptionsMonitor<RemindersOptions>
    {
        public RemindersOptions CurrentValue { get; } = new();

        public RemindersOptions Get(string? name) => CurrentValue;

        public IDisposable? OnChange(Action<RemindersOptions, string?> listener) => null;
    }
}
