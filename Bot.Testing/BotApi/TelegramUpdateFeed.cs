using System.Text.Json.Nodes;

namespace Bot.Testing.BotApi;

/// <summary>
/// The update queue behind a fake Bot API's <c>getUpdates</c>, as Telegram keeps it: updates get increasing
/// <c>update_id</c>s, a call returns at most <c>limit</c> (1–100, default 100) of those from <c>offset</c> on
/// and forgets the ones before it, and waits up to <c>timeout</c> seconds (long polling) when none is there.
/// It remembers when each update was first handed out (a <see cref="TimeProvider.System"/> timestamp).
/// </summary>
internal sealed class TelegramUpdateFeed : IDisposable
{
    private const int MaxLimit = 100;

    private readonly Lock _gate = new();
    private readonly List<(long Id, string Json)> _updates = [];
    private readonly Dictionary<long, long> _handedOut = [];
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextId;

    public TelegramUpdateFeed(long firstId = 100) => _nextId = firstId;

    /// <summary>Queues an update; <paramref name="body"/> is the update without <c>update_id</c>.</summary>
    public long Push(JsonObject body) => Push([body])[0];

    /// <summary>Queues updates all at once, so that one <c>getUpdates</c> can hand them out together; returns their ids.</summary>
    public IReadOnlyList<long> Push(IEnumerable<JsonObject> bodies)
    {
        ArgumentNullException.ThrowIfNull(bodies);
        lock (_gate)
        {
            var ids = new List<long>();
            foreach (var body in bodies)
            {
                var id = _nextId++;
                body["update_id"] = id;
                _updates.Add((id, body.ToJsonString()));
                ids.Add(id);
            }

            Signal();
            return ids;
        }
    }

    /// <summary>Queues a raw update JSON that names its own update_id.</summary>
    public void PushRaw(long id, string json)
    {
        lock (_gate)
        {
            _nextId = Math.Max(_nextId, id + 1);
            _updates.Add((id, json));
            Signal();
        }
    }

    /// <summary>When the update was first handed out by <c>getUpdates</c>; null while it has not been.</summary>
    public long? HandedOutAt(long id)
    {
        lock (_gate)
        {
            return _handedOut.TryGetValue(id, out var at) ? at : null;
        }
    }

    /// <summary>The <c>getUpdates</c> answer for these parameters: <c>{"ok":true,"result":[…]}</c>, the updates byte for byte as queued.</summary>
    public async Task<string> GetUpdatesAsync(JsonObject parameters, CancellationToken aborted)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var offset = parameters["offset"]?.GetValue<long>() ?? 0;
        var limit = Math.Clamp(parameters["limit"]?.GetValue<int>() ?? MaxLimit, 1, MaxLimit);
        var timeout = TimeSpan.FromSeconds(Math.Max(0, parameters["timeout"]?.GetValue<int>() ?? 0));
        return "{\"ok\":true,\"result\":[" + string.Join(",", await NextAsync(offset, limit, timeout, aborted)) + "]}";
    }

    /// <summary>Ends the long polls that are waiting (with no updates).</summary>
    public void Stop() => _stopping.Cancel();

    public void Dispose() => _stopping.Dispose();

    private async Task<IReadOnlyList<string>> NextAsync(long offset, int limit, TimeSpan timeout, CancellationToken aborted)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, _stopping.Token);
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                _updates.RemoveAll(u => u.Id < offset);
                if (_updates.Count > 0)
                {
                    var now = TimeProvider.System.GetTimestamp();
                    var batch = _updates.Take(limit).ToList();
                    foreach (var (id, _) in batch)
                    {
                        _handedOut.TryAdd(id, now);
                    }

                    return batch.Select(u => u.Json).ToList();
                }

                changed = _changed.Task;
            }

            var left = timeout - TimeProvider.System.GetElapsedTime(started);
            try
            {
                await changed.WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero, TimeProvider.System, linked.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
            {
                return [];
            }
        }
    }

    private void Signal()
    {
        var old = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        old.TrySetResult();
    }
}
