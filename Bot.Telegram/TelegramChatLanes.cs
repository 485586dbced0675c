using Microsoft.Extensions.Logging;
using Telegram.Bot.Types;

namespace Bot.Telegram;

/// <summary>
/// One queue per chat: a chat's updates are handled in order, one at a time, and different chats side
/// by side (at most <see cref="TelegramOptions.MaxConcurrentChats"/> at once). The polling loop only
/// queues and asks for the next updates, so a chat that waits out its own 429 or a slow answer holds
/// up no other chat. When <see cref="MaxQueued"/> updates wait, queueing waits too (back-pressure
/// instead of unbounded memory).
/// </summary>
internal sealed partial class TelegramChatLanes : IDisposable
{
    /// <summary>Updates that may wait, across all chats, before the polling loop waits for room.</summary>
    public const int MaxQueued = 10_000;

    private readonly Func<Update, CancellationToken, Task> _handle;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<long, Queue<Update>> _lanes = [];
    private readonly HashSet<Task> _running = [];
    private readonly SemaphoreSlim _concurrency;
    private readonly SemaphoreSlim _room = new(MaxQueued, MaxQueued);

    public TelegramChatLanes(Func<Update, CancellationToken, Task> handle, int maxConcurrentChats, ILogger logger)
    {
        _handle = handle;
        _concurrency = new SemaphoreSlim(maxConcurrentChats, maxConcurrentChats);
        _logger = logger;
    }

    /// <summary>Queues an update behind the earlier ones of its chat.</summary>
    public async Task EnqueueAsync(long chat, Update update, CancellationToken cancellationToken)
    {
        await _room.WaitAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            if (_lanes.TryGetValue(chat, out var queue))
            {
                queue.Enqueue(update);
                return;
            }

            _lanes[chat] = new Queue<Update>([update]);
            var lane = Task.Run(() => RunLaneAsync(chat, cancellationToken), CancellationToken.None);
            _running.Add(lane);
            _ = lane.ContinueWith(done => Forget(done), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>Waits until every queued update is handled (or its handling cancelled).</summary>
    public Task DrainAsync()
    {
        lock (_gate)
        {
            return Task.WhenAll([.. _running]);
        }
    }

    public void Dispose()
    {
        _concurrency.Dispose();
        _room.Dispose();
    }

    private async Task RunLaneAsync(long chat, CancellationToken cancellationToken)
    {
        while (true)
        {
            Update next;
            lock (_gate)
            {
                var queue = _lanes[chat];
                if (queue.Count == 0)
                {
                    _lanes.Remove(chat);
                    return;
                }

                next = queue.Peek();
            }

            try
            {
                await _concurrency.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    await _handle(next, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    _concurrency.Release();
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Shutdown: the rest of this chat's queue is dropped with it.
            }
            catch (Exception ex)
            {
                LogLaneFailed(ex, chat);
            }
            finally
            {
                lock (_gate)
                {
                    _lanes[chat].Dequeue();
                }

                _room.Release();
            }
        }
    }

    private void Forget(Task lane)
    {
        lock (_gate)
        {
            _running.Remove(lane);
        }
    }

    [LoggerMessage(EventId = 4120, Level = LogLevel.Error, Message = "Handling an update of chat {Chat} failed")]
    private partial void LogLaneFailed(Exception exception, long chat);
}
