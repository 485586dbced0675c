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
/// Per-user token buckets (<see cref="TokenBucketRateLimiter"/>): a burst of commands is answered,
/// then the user is told once to slow down and ignored until the bucket refills. The buckets are
/// refilled from the injected <see cref="TimeProvider"/>, not the limiter's own timer, so that
/// tests control time.
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
        var now = _time.GetUtcNow();
        if (_buckets.Count > SweepThreshold)
        {
            Sweep(now);
        }

        var bucket = _buckets.GetOrAdd(userId, _ => new Bucket(_burst, _refill, now));
        lock (bucket)
        {
            bucket.Refill(now);
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

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (id, bucket) in _buckets)
        {
            if (now - bucket.LastRefill > _refill * _burst * 2 && _buckets.TryRemove(id, out var removed))
            {
                removed.Limiter.Dispose();
            }
        }
    }

    private sealed class Bucket(int burst, TimeSpan refill, DateTimeOffset now)
    {
        public TokenBucketRateLimiter Limiter { get; } = new(new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = refill,
            AutoReplenishment = false,
            QueueLimit = 0,
        });

        public DateTimeOffset LastRefill { get; private set; } = now;

        public bool Warned { get; set; }

        public void Refill(DateTimeOffset now)
        {
            var periods = (int)Math.Min(burst, (now - LastRefill) / refill);
            if (periods <= 0)
            {
                return;
            }

            for (var i = 0; i < periods; i++)
            {
                Limiter.TryReplenish();
            }

            LastRefill = periods >= burst ? now : LastRefill + (refill * periods);
        }
    }
}
