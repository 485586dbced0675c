using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;

namespace Bot.Discord.Rest;

/// <summary>
/// Discord's REST rate limits: per-bucket state from the <c>X-RateLimit-*</c> headers (bucket hash per route,
/// split by the major parameter), a global block after a global 429, and our own cap of 50 requests in any
/// second. Calls on one route run one at a time so the remaining count is never raced.
/// </summary>
internal sealed class DiscordRateLimiter
{
    /// <summary>Discord's global limit is 50 requests a second; we stay at or under it.</summary>
    public const int MaxPerSecond = 50;

    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Queue<DateTimeOffset> _recent = new();
    private readonly Dictionary<string, string> _bucketOfRoute = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BucketState> _buckets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _routeLocks = new(StringComparer.Ordinal);
    private DateTimeOffset _globalUntil = DateTimeOffset.MinValue;

    public DiscordRateLimiter(TimeProvider time) => _time = time;

    /// <summary>Past this many tracked routes, idle locks and expired buckets are dropped (one per interaction otherwise piles up).</summary>
    private const int PruneAbove = 1024;

    /// <summary>How many route locks are kept (for tests).</summary>
    internal int TrackedRoutes => _routeLocks.Count;

    /// <summary>Waits until the route may be called; dispose the lease after reading the response.</summary>
    public async Task<IDisposable> AcquireAsync(DiscordRoute route, CancellationToken cancellationToken)
    {
        if (_routeLocks.Count > PruneAbove)
        {
            Prune();
        }

        var routeLock = _routeLocks.GetOrAdd(route.Key + "|" + route.Major, _ => new SemaphoreSlim(1, 1));
        await routeLock.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                var wait = TryStart(route);
                if (wait <= TimeSpan.Zero)
                {
                    return new Lease(routeLock);
                }

                await Task.Delay(wait, _time, cancellationToken);
            }
        }
        catch
        {
            routeLock.Release();
            throw;
        }
    }

    /// <summary>Reads the rate-limit headers of a response.</summary>
    public void Update(DiscordRoute route, HttpResponseHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var bucket = Header(headers, "X-RateLimit-Bucket");
        var remaining = Header(headers, "X-RateLimit-Remaining");
        var resetAfter = Header(headers, "X-RateLimit-Reset-After");
        lock (_gate)
        {
            if (bucket is not null)
            {
                _bucketOfRoute[route.Key] = bucket;
            }

            if (remaining is null || resetAfter is null
                || !int.TryParse(remaining, NumberStyles.Integer, CultureInfo.InvariantCulture, out var left)
                || !double.TryParse(resetAfter, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                return;
            }

            _buckets[StateKey(route)] = new BucketState(left, _time.GetUtcNow() + TimeSpan.FromSeconds(seconds));
        }
    }

    /// <summary>A 429: block the bucket (or everything, when global) for the time Discord asked.</summary>
    public void Block(DiscordRoute route, TimeSpan retryAfter, bool global)
    {
        lock (_gate)
        {
            var until = _time.GetUtcNow() + retryAfter;
            if (global)
            {
                _globalUntil = until > _globalUntil ? until : _globalUntil;
            }
            else
            {
                _buckets[StateKey(route)] = new BucketState(0, until);
            }
        }
    }

    private void Prune()
    {
        foreach (var (key, idle) in _routeLocks)
        {
            // A lock nobody holds can go; at worst two calls on one route overlap once, the bucket state still holds.
            if (idle.CurrentCount == 1)
            {
                _routeLocks.TryRemove(key, out _);
            }
        }

        lock (_gate)
        {
            var now = _time.GetUtcNow();
            foreach (var key in _buckets.Where(b => b.Value.ResetAt <= now).Select(b => b.Key).ToList())
            {
                _buckets.Remove(key);
            }
        }
    }

    private TimeSpan TryStart(DiscordRoute route)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (_globalUntil > now)
            {
                return _globalUntil - now;
            }

            if (_buckets.TryGetValue(StateKey(route), out var state) && state.Remaining <= 0 && state.ResetAt > now)
            {
                return state.ResetAt - now;
            }

            while (_recent.Count > 0 && _recent.Peek() <= now - TimeSpan.FromSeconds(1))
            {
                _recent.Dequeue();
            }

            if (_recent.Count >= MaxPerSecond)
            {
                return _recent.Peek() + TimeSpan.FromSeconds(1) - now;
            }

            _recent.Enqueue(now);
            if (state is not null && state.Remaining > 0)
            {
                _buckets[StateKey(route)] = state with { Remaining = state.Remaining - 1 };
            }

            return TimeSpan.Zero;
        }
    }

    private string StateKey(DiscordRoute route) =>
        (_bucketOfRoute.TryGetValue(route.Key, out var bucket) ? bucket : route.Key) + "|" + route.Major;

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private sealed record BucketState(int Remaining, DateTimeOffset ResetAt);

    private sealed class Lease(SemaphoreSlim routeLock) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                routeLock.Release();
            }
        }
    }
}
