namespace Bot.Core.Delivery.RateLimits;

/// <summary>
/// A sliding window: at most <c>limit</c> starts in any span of <c>window</c>, plus an optional block
/// (after a 429) until a given moment. Not thread-safe: <see cref="DeliveryRateLimiter"/> locks around it.
/// </summary>
internal sealed class RateWindow
{
    private readonly Queue<DateTimeOffset> _starts = new();
    private readonly int _limit;
    private readonly TimeSpan _window;

    public RateWindow(int limit, TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        _limit = limit;
        _window = window;
    }

    /// <summary>Nothing may start before this moment (a 429 asked us to wait).</summary>
    public DateTimeOffset BlockedUntil { get; private set; } = DateTimeOffset.MinValue;

    /// <summary>How long until one more start is allowed at <paramref name="now"/>; zero when it is allowed now.</summary>
    public TimeSpan WaitAt(DateTimeOffset now)
    {
        while (_starts.Count > 0 && _starts.Peek() + _window <= now)
        {
            _starts.Dequeue();
        }

        var wait = BlockedUntil > now ? BlockedUntil - now : TimeSpan.Zero;
        if (_starts.Count >= _limit)
        {
            // The oldest start in the window has to leave it first.
            var free = _starts.ElementAt(_starts.Count - _limit) + _window - now;
            wait = free > wait ? free : wait;
        }

        return wait;
    }

    /// <summary>Records a start at <paramref name="now"/> (call only after <see cref="WaitAt"/> returned zero).</summary>
    public void Take(DateTimeOffset now) => _starts.Enqueue(now);

    /// <summary>Blocks starts until <paramref name="until"/> (a later block wins).</summary>
    public void Block(DateTimeOffset until)
    {
        if (until > BlockedUntil)
        {
            BlockedUntil = until;
        }
    }

    /// <summary>True when the window holds nothing at <paramref name="now"/> and is not blocked (it can be forgotten).</summary>
    public bool IsIdleAt(DateTimeOffset now) => BlockedUntil <= now && (_starts.Count == 0 || _starts.Last() + _window <= now);
}
