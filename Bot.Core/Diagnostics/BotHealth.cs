using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Bot.Core.Diagnostics;

/// <summary>
/// What the readiness check reports beyond the database: whether the scheduler started, each platform's
/// connection (or its last error, as an operator's line: never a token or a chat), the feeds' last success,
/// and the outbox counts the metrics show. One per host (a singleton in its container, on its injected
/// <see cref="TimeProvider"/>), written by the parts that know; two hosts in one process keep their own.
/// </summary>
public sealed class BotHealth
{
    private readonly ConcurrentDictionary<string, PlatformState> _platforms = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _outbox = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private long _schedulerStarted;
    private long _feedSuccessTicks;
    private long _feedFailureTicks;

    /// <summary>A host's health state; with <paramref name="meters"/> (the host's meter factory) it also publishes <c>bot.outbox.rows</c>.</summary>
    public BotHealth(TimeProvider time, IMeterFactory? meters = null)
    {
        _time = time ?? throw new ArgumentNullException(nameof(time));
        meters?.Create(BotTelemetry.Name).CreateObservableGauge("bot.outbox.rows", ObserveOutbox, "{row}", "Outbox rows by status");
    }

    /// <summary>Whether the scheduler reported that it started.</summary>
    public bool SchedulerStarted => Interlocked.Read(ref _schedulerStarted) == 1;

    /// <summary>The last time every configured feed was read; null before the first success.</summary>
    public DateTimeOffset? FeedsLastSuccess => Ticks(ref _feedSuccessTicks);

    /// <summary>The last time a feed could not be read; null when none failed.</summary>
    public DateTimeOffset? FeedsLastFailure => Ticks(ref _feedFailureTicks);

    /// <summary>Each platform that reported, by name.</summary>
    public IReadOnlyDictionary<string, PlatformState> PlatformStates => _platforms;

    /// <summary>The outbox counts per status last recorded.</summary>
    public IReadOnlyDictionary<string, long> OutboxCounts => _outbox;

    /// <summary>The scheduler started (true) or stopped (false).</summary>
    public void RecordScheduler(bool started) => Interlocked.Exchange(ref _schedulerStarted, started ? 1 : 0);

    /// <summary>A platform connected (<paramref name="error"/> null) or failed with an operator's line.</summary>
    public void RecordPlatform(string platform, bool connected, string? error = null) =>
        _platforms[platform] = new PlatformState(connected, error);

    /// <summary>A feed poll, now: all read (<paramref name="succeeded"/>) or not.</summary>
    public void RecordFeeds(bool succeeded) =>
        Interlocked.Exchange(ref succeeded ? ref _feedSuccessTicks : ref _feedFailureTicks, _time.GetUtcNow().UtcTicks);

    /// <summary>The outbox's rows per status, counted now.</summary>
    public void RecordOutbox(IReadOnlyDictionary<string, int> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        foreach (var key in _outbox.Keys.Except(counts.Keys))
        {
            _outbox[key] = 0;
        }

        foreach (var (status, count) in counts)
        {
            _outbox[status] = count;
        }
    }

    private IEnumerable<Measurement<long>> ObserveOutbox() =>
        _outbox.Select(c => new Measurement<long>(c.Value, new KeyValuePair<string, object?>("status", c.Key)));

    private static DateTimeOffset? Ticks(ref long field) => Interlocked.Read(ref field) is var t and > 0 ? new DateTimeOffset(t, TimeSpan.Zero) : null;
}

/// <summary>A platform's connection as the readiness check shows it.</summary>
/// <param name="Connected">Whether it is connected (polling, receiving the gateway's events).</param>
/// <param name="Error">The last error, as an operator's line, when not connected.</param>
public sealed record PlatformState(bool Connected, string? Error);
