using Bot.Core.Diagnostics;
using Bot.Core.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace Bot.Core.Scheduling;

/// <summary>
/// Keeps Quartz's reminder triggers equal to the catalog: one one-shot trigger per event × slot
/// (<c>{event}|{slot}</c> in group <see cref="Group"/>). A moved event moves its triggers, a removed
/// event loses them. A trigger whose moment passed while the bot was down is left alone, so Quartz
/// fires it once on start (misfire rule "fire now") and <see cref="ReminderPoster"/> collapses it
/// into the event's current slot; past slots are never created anew.
/// </summary>
internal sealed partial class ReminderScheduleSync : IHostedService, IDisposable
{
    /// <summary>The trigger group of reminders.</summary>
    public const string Group = "bot-reminders";

    private readonly ISchedulerFactory _factory;
    private readonly EventCatalog _catalog;
    private readonly IOptionsMonitor<RemindersOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ReminderScheduleSync> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();

    public ReminderScheduleSync(ISchedulerFactory factory, EventCatalog catalog, IOptionsMonitor<RemindersOptions> options, TimeProvider time, ILogger<ReminderScheduleSync> logger)
    {
        _factory = factory;
        _catalog = catalog;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _catalog.Changed += OnCatalogChanged;
        var scheduler = await _factory.GetScheduler(cancellationToken);
        await SyncAsync(scheduler, cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _catalog.Changed -= OnCatalogChanged;
        await _stopping.CancelAsync();
    }

    public void Dispose()
    {
        _gate.Dispose();
        _stopping.Dispose();
    }

    /// <summary>Makes the triggers match the catalog now.</summary>
    public async Task<ScheduleSyncResult> SyncAsync(IScheduler scheduler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var started = _time.GetTimestamp();
            var result = await SyncCoreAsync(scheduler, cancellationToken);
            BotTelemetry.ReminderSyncDuration.Record(BotTelemetry.Seconds(_time, started));
            LogSynced(result.Added, result.Moved, result.Removed, result.Kept);
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Every future slot of every event (what the schedule should hold), earliest first.</summary>
    public IReadOnlyList<ReminderSlot> DesiredSlots(DateTimeOffset now)
    {
        var options = _options.CurrentValue;
        var offsets = options.EffectiveOffsets();
        var time = options.EffectiveCountdownTime();
        return [.. _catalog.All
            .Where(e => e.StartUtc > now)
            .SelectMany(e => ReminderPlanner.Plan(e, offsets, options.DailyCountdownDays, time))
            .OrderBy(s => s.FireUtc)];
    }

    private async Task<ScheduleSyncResult> SyncCoreAsync(IScheduler scheduler, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var options = _options.CurrentValue;
        var offsets = options.EffectiveOffsets();
        var countdownTime = options.EffectiveCountdownTime();
        var future = new Dictionary<string, ReminderSlot>(StringComparer.Ordinal);
        var missed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in _catalog.All.Where(e => e.StartUtc > now))
        {
            foreach (var slot in ReminderPlanner.Plan(e, offsets, options.DailyCountdownDays, countdownTime))
            {
                if (slot.FireUtc > now)
                {
                    future[slot.TriggerName] = slot;
                }
                else
                {
                    missed.Add(slot.TriggerName);
                }
            }
        }

        var existing = new Dictionary<string, DateTimeOffset?>(StringComparer.Ordinal);
        var skip = 0;
        while (true)
        {
            var page = await scheduler.QueryTriggers(new TriggerQuery { Group = GroupMatcher<TriggerKey>.GroupEquals(Group), Skip = skip, Take = 500 }, cancellationToken);
            foreach (var header in page.Items)
            {
                existing[header.Key.Name] = header.NextFireTimeUtc;
            }

            if (page.Items.Count < 500)
            {
                break;
            }

            skip += page.Items.Count;
        }

        // A pending retry of an event that still lies ahead is kept (see ReminderJob).
        var ahead = new HashSet<string>(_catalog.All.Where(e => e.StartUtc > now).Select(e => $"{e.Id}|{ReminderJob.RetrySlot}"), StringComparer.Ordinal);
        var removed = existing.Keys.Where(k => !future.ContainsKey(k) && !missed.Contains(k) && !ahead.Contains(k)).Select(k => new TriggerKey(k, Group)).ToList();
        if (removed.Count > 0)
        {
            await scheduler.UnscheduleJobs(removed, cancellationToken);
        }

        int added = 0, moved = 0, kept = 0;
        var changed = new List<ITrigger>();
        foreach (var (name, slot) in future)
        {
            if (existing.TryGetValue(name, out var next))
            {
                if (next == slot.FireUtc)
                {
                    kept++;
                    continue;
                }

                moved++;
            }
            else
            {
                added++;
            }

            changed.Add(TriggerBuilder.Create(scheduler.TimeProvider)
                .WithIdentity(name, Group)
                .ForJob(ReminderJob.Key)
                .StartAt(slot.FireUtc)
                .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
                .Build());
        }

        if (changed.Count > 0)
        {
            // In batches, each stored in one transaction (one SQLite commit instead of one per trigger).
            var job = await scheduler.GetJobDetail(ReminderJob.Key, cancellationToken)
                ?? JobBuilder.Create<ReminderJob>().WithIdentity(ReminderJob.Key).StoreDurably().RequestRecovery().Build();
            foreach (var batch in changed.Chunk(500))
            {
                await scheduler.ScheduleJobs(new Dictionary<IJobDetail, IReadOnlyCollection<ITrigger>> { [job] = batch }, ScheduleJobOptions.Replacing, cancellationToken);
            }
        }

        kept += missed.Count(existing.ContainsKey);
        return new ScheduleSyncResult(added, moved, removed.Count, kept);
    }

    private void OnCatalogChanged(object? sender, EventArgs e) => _ = SyncAfterChangeAsync();

    private async Task SyncAfterChangeAsync()
    {
        try
        {
            var scheduler = await _factory.GetScheduler(_stopping.Token);
            await SyncAsync(scheduler, _stopping.Token);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            LogSyncFailed(ex);
        }
    }

    [LoggerMessage(EventId = 5401, Level = LogLevel.Information, Message = "Reminder schedule synced: {Added} added, {Moved} moved, {Removed} removed, {Kept} kept")]
    private partial void LogSynced(int added, int moved, int removed, int kept);

    [LoggerMessage(EventId = 5402, Level = LogLevel.Error, Message = "Syncing the reminder schedule after a catalog change failed")]
    private partial void LogSyncFailed(Exception exception);
}
