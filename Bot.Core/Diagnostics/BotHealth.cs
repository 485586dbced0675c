using System.Collections.Concurrent;

namespace Bot.Core.Diagnostics;

/// <summary>
/// What the readiness check reports beyond the database: whether the scheduler started, each platform's
/// connection (or its last error, as an operator's line: never a token or a chat), the feeds' last success,
/// and the outbox counts the metrics show. Process-wide, written by the parts that know.
/// </summary>
public static class BotHealth
{
    private static readonly ConcurrentDictionary<string, PlatformState> Platforms = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, long> Outbox = new(StringComparer.Ordinal);
    private static long _schedulerStarted;
    private static long _feedSuccessTicks;
    private static long _feedFailureTicks;

    /// <summary>Whether the scheduler reported that it started.</summary>
    public static bool SchedulerStarted => Interlocked.Read(ref _schedulerStarted) == 1;

    /// <summary>The last time every configured feed was read; null before the first success.</summary>
    public static DateTimeOffset? FeedsLastSuccess => Ticks(ref _feedSuccessTicks);

    /// <summary>The last time a feed could not be read; null when none failed.</summary>
    public static DateTimeOffset? FeedsLastFailure => Ticks(ref _feedFailureTicks);

    /// <summary>Each platform that reported, by name.</summary>
    public static IReadOnlyDictionary<string, PlatformState> PlatformStates => Platforms;

    /// <summary>The outbox counts per status last recorded.</summary>
    public static IReadOnlyDictionary<string, long> OutboxCounts => Outbox;

    /// <summary>The scheduler started (true) or stopped (false).</summary>
    public static void RecordScheduler(bool started) => Interlocked.Exchange(ref _schedulerStarted, started ? 1 : 0);

    /// <summary>A platform connected (<paramref name="error"/> null) or failed with an operator's line.</summary>
    public static void RecordPlatform(string platform, bool connected, string? error = null) =>
        Platforms[platform] = new PlatformState(connected, error);

    /// <summary>A feed poll: all read (<paramref name="succeeded"/>) or not, at <paramref name="at"/>.</summary>
    public static void RecordFeeds(bool succeeded, DateTimeOffset at) =>
        Interlocked.Exchange(ref succeeded ? ref _feedSuccessTicks : ref _feedFailureTicks, at.UtcTicks);

    /// <summary>The outbox's rows per status, counted now.</summary>
    public static void RecordOutbox(IReadOnlyDictionary<string, int> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        foreach (var key in Outbox.Keys.Except(counts.Keys))
        {
            Outbox[key] = 0;
        }

        foreach (var (status, count) in counts)
        {
            Outbox[status] = count;
        }
    }

    private static DateTimeOffset? Ticks(ref long field) => Interlocked.Read(ref field) is var t and > 0 ? new DateTimeOffset(t, TimeSpan.Zero) : null;
}

/// <summary>A platform's connection as the readiness check shows it.</summary>
/// <param name="Connected">Whether it is connected (polling, receiving the gateway's events).</param>
/// <param name="Error">The last error, as an operator's line, when not connected.</param>
public sealed record PlatformState(bool Connected, string? Error);
