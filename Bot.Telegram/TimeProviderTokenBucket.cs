using System.Threading.RateLimiting;

namespace Bot.Telegram;

/// <summary>
/// A token bucket <see cref="RateLimiter"/> that refills from an injected <see cref="TimeProvider"/>.
/// The framework's <see cref="TokenBucketRateLimiter"/> refills on the real clock even when
/// replenished by hand, which fake time cannot drive.
/// </summary>
internal sealed class TimeProviderTokenBucket : RateLimiter
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly int _limit;
    private readonly TimeSpan _period;
    private DateTimeOffset _lastRefill;
    private int _tokens;

    public TimeProviderTokenBucket(TimeProvider time, int limit, TimeSpan period)
    {
        _time = time;
        _limit = limit;
        _period = period;
        _tokens = limit;
        _lastRefill = time.GetUtcNow();
    }

    /// <summary>How long the bucket has been full, or null while it is not.</summary>
    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_gate)
            {
                Refill();
                return _tokens == _limit ? _time.GetUtcNow() - _lastRefill : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_gate)
        {
            Refill();
            return new RateLimiterStatistics { CurrentAvailablePermits = _tokens };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (_gate)
        {
            Refill();
            if (_tokens < permitCount)
            {
                return Lease.Refused;
            }

            _tokens -= permitCount;
            return Lease.Granted;
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private void Refill()
    {
        var now = _time.GetUtcNow();
        var periods = (long)((now - _lastRefill) / _period);
        if (periods <= 0)
        {
            return;
        }

        _tokens = (int)Math.Min(_limit, _tokens + periods);
        _lastRefill = _tokens == _limit ? now : _lastRefill + (_period * periods);
    }

    private sealed class Lease(bool acquired) : RateLimitLease
    {
        public static readonly Lease Granted = new(true);
        public static readonly Lease Refused = new(false);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
