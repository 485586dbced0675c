using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Bot.Telegram;

/// <summary>What the flood gate says about one command.</summary>
internal enum FloodVerdict
{
    /// <summary>Answer it.</summary>
    Allow,

    /// <summary>Answer once with "slow down".</summary>
    SlowDown,

    /// <summary>Drop it silently.</summary>
    Ignore,
}

/// <summary>
/// Per-user token buckets (a <see cref="RateLimiter"/> per user): a burst of commands is answered,
/// then the user is told once to slow down and ignored until the bucket refills. The buckets refill
/// from the injected <see cref="TimeProvider"/>, so tests control time.
/// </summary>
internal sealed class TelegramFloodGate : IDisposable
{
    private const int SweepThreshold = 10_000;
    private readonly ConcurrentDictionary<long, Bucket> _buckets = new();
    private readonly TimeProvider _time;
    private readonly int _burst;
    private readonly TimeSpan _refill;

    public TelegramFloodGate(IOptions<TelegramOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _burst = options.Value.FloodBurst;
        _refill = options.Value.FloodRefill;
    }

    /// <summary>Takes one token for the user.</summary>
    public FloodVerdict Check(long userId)
    {
        if (_buckets.Count > SweepThreshold)
        {
            Sweep();
        }

        var bucket = _buckets.GetOrAdd(userId, _ => new Bucket(new TimeProviderTokenBucket(_time, _burst, _refill)));
        lock (bucket)
        {
            using var lease = bucket.Limiter.AttemptAcquire();
            if (lease.IsAcquired)
            {
                bucket.Warned = false;
                return FloodVerdict.Allow;
            }

            if (bucket.Warned)
            {
                return FloodVerdict.Ignore;
            }

            bucket.Warned = true;
            return FloodVerdict.SlowDown;
        }
    }

    public void Dispose()
    {
        foreach (var bucket in _buckets.Values)
        {
            bucket.Limiter.Dispose();
        }
    }

    private void Sweep()
    {
        foreach (var (id, bucket) in _buckets)
        {
            if (bucket.Limiter.IdleDuration > _refill && _buckets.TryRemove(id, out var removed))
            {
                removed.Limiter.Dispose();
            }
        }
    }

    private sealed class Bucket(RateLimiter limiter)
    {
        public RateLimiter Limiter { get; } = limiter;

        public bool Warned { get; set; }
    }
}
