namespace Bot.Testing.Broadcast;

/// <summary>A platform-side limit: at most <c>limit</c> requests arriving in any <c>window</c> (thread-safe).</summary>
internal sealed class SlidingLimit
{
    private readonly Lock _gate = new();
    private readonly Queue<long> _arrivals = new();
    private readonly int _limit;
    private readonly TimeSpan _window;

    public SlidingLimit(int limit, TimeSpan window)
    {
        _limit = limit;
        _window = window;
    }

    /// <summary>Admits a request arriving at <paramref name="timestamp"/> (a <see cref="TimeProvider"/> timestamp), or refuses it when the window is full.</summary>
    public bool TryAdmit(long timestamp)
    {
        lock (_gate)
        {
            while (_arrivals.Count > 0 && TimeProvider.System.GetElapsedTime(_arrivals.Peek(), timestamp) >= _window)
            {
                _arrivals.Dequeue();
            }

            if (_arrivals.Count >= _limit)
            {
                return false;
            }

            _arrivals.Enqueue(timestamp);
            return true;
        }
    }
}
