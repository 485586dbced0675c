namespace Bot.Core.Delivery.RateLimits;

/// <summary>
/// A sliding window: at most <c>limit</c> requests in any span of <c>window</c>, plus an optional
/// block (after a 429) until a given moment. A request counts from the moment it is taken until
/// <c>window</c> after it reached the platform. We cannot see that moment, only that it lies between
/// sending and the answer: a request is taken to have arrived at its answer
/// (<see cref="Entry.Finish"/>), or at the latest <c>maxArrival</c> after it was sent, whichever is
/// earlier. So a request that waited in a queue on the way (a busy machine, the network) up to
/// <c>maxArrival</c> can never put one request too many into a window on the platform's side.
/// Not thread-safe: <see cref="DeliveryRateLimiter"/> locks around it.
/// </summary>
internal sealed class RateWindow
{
    private readonly List<Entry> _entries = [];
    private readonly int _limit;
    private readonly TimeSpan _window;
    private readonly TimeSpan _maxArrival;

    public RateWindow(int limit, TimeSpan window, TimeSpan maxArrival)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        _limit = limit;
        _window = window;
        _maxArrival = maxArrival;
    }

    /// <summary>Nothing may start before this moment (a 429 asked us to wait).</summary>
    public DateTimeOffset BlockedUntil { get; private set; } = DateTimeOffset.MinValue;

    /// <summary>
    /// How long until one more request is allowed at <paramref name="now"/> while leaving room for
    /// <paramref name="reserved"/> others; zero when it is allowed now. While requests still in flight
    /// hold the window full, the answer is the whole window (an upper bound: ask again when one finishes).
    /// </summary>
    public TimeSpan WaitAt(DateTimeOffset now, int reserved = 0)
    {
        _entries.RemoveAll(e => e.ArrivedBy(now) is { } done && done + _window <= now);
        var wait = BlockedUntil > now ? BlockedUntil - now : TimeSpan.Zero;
        if (_entries.Count + reserved >= _limit)
        {
            // This many have to leave the window before one more fits.
            var leaving = _entries.Count + reserved - _limit + 1;
            var finished = _entries.Select(e => e.ArrivedBy(now)).OfType<DateTimeOffset>().Order().ToList();
            var free = finished.Count >= leaving ? finished[leaving - 1] + _window - now : _window;
            wait = free > wait ? free : wait;
        }

        return wait;
    }

    /// <summary>Counts one request from now (call only after <see cref="WaitAt"/> returned zero); finish it when its answer is in.</summary>
    public Entry Take(DateTimeOffset now)
    {
        var entry = new Entry(now + _maxArrival, _maxArrival);
        _entries.Add(entry);
        return entry;
    }

    /// <summary>Blocks requests until <paramref name="until"/> (a later block wins).</summary>
    public void Block(DateTimeOffset until)
    {
        if (until > BlockedUntil)
        {
            BlockedUntil = until;
        }
    }

    /// <summary>True when the window holds nothing at <paramref name="now"/> and is not blocked (it can be forgotten).</summary>
    public bool IsIdleAt(DateTimeOffset now) => BlockedUntil <= now && _entries.TrueForAll(e => e.ArrivedBy(now) is { } done && done + _window <= now);

    /// <summary>One request counted in a window.</summary>
    internal sealed class Entry(DateTimeOffset latestArrival, TimeSpan maxArrival)
    {
        private DateTimeOffset _latestArrival = latestArrival;
        private DateTimeOffset? _answeredAt;

        /// <summary>The moment the request reached the platform at the latest, as far as known at <paramref name="now"/>; null while that may still be later.</summary>
        public DateTimeOffset? ArrivedBy(DateTimeOffset now) =>
            _answeredAt is { } answered && answered < _latestArrival ? answered
            : _latestArrival <= now ? _latestArrival
            : null;

        /// <summary>The request actually goes out now (later than the turn was taken): it may arrive up to the longest delay from now.</summary>
        public void Sending(DateTimeOffset at)
        {
            if (_answeredAt is null && at + maxArrival > _latestArrival)
            {
                _latestArrival = at + maxArrival;
            }
        }

        /// <summary>The answer came back at <paramref name="at"/>.</summary>
        public void Finish(DateTimeOffset at) => _answeredAt ??= at;
    }
}
