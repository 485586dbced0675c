using System.Collections.Concurrent;
using System.Diagnostics;
using Bot.Core.Delivery.RateLimits;
using Bot.Core.Diagnostics;
using Bot.Core.Kernel;
using Bot.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Core.Delivery;

/// <summary>
/// Sends due outbox rows through the messenger of each row's platform and records the outcome:
/// sent; retried with doubling back-off, or after the platform's Retry-After; finally failed with the
/// platform's reason; a chat the platform reports gone is paused. When a platform refuses our
/// credentials, sending there rests (its rows stay pending) and one send tries again every
/// <see cref="PlatformRetry.UnauthorizedPause"/>. See <see cref="OutboxStore"/> for the
/// claim-then-send order that keeps every row from being sent twice.
/// </summary>
internal sealed partial class DeliveryWorker : BackgroundService
{
    private readonly OutboxStore _outbox;
    private readonly SubscriptionStore _subscriptions;
    private readonly Dictionary<PlatformId, IMessenger> _messengers;
    private readonly Dictionary<string, IOutboxPayloadRenderer> _renderers;

    /// <summary>The change kinds (edits, deletions): made again, not left uncertain, when a process died during one.</summary>
    private readonly HashSet<string> _repeatable;

    /// <summary>The kinds that let every other row go first (a moderator's progress message), and since when each such row waits.</summary>
    private readonly HashSet<string> _lowPriority;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _yieldingSince = new(StringComparer.Ordinal);

    /// <summary>How many rows sends have queued after themselves (publications): a round that ran out of rows looks again.</summary>
    private int _followUpsQueued;
    private readonly DeliverySignal _signal;
    private readonly IOptions<DeliveryOptions> _optionsSource;
    private readonly BotDatabase _database;
    private readonly TimeProvider _time;
    private readonly ILogger<DeliveryWorker> _logger;
    private readonly PlatformLeadership? _leadership;

    /// <summary>Platforms that refused our credentials, with when one send may try again.</summary>
    private readonly ConcurrentDictionary<PlatformId, DateTimeOffset> _refused = new();

    public DeliveryWorker(
        OutboxStore outbox,
        SubscriptionStore subscriptions,
        IEnumerable<IMessenger> messengers,
        DeliverySignal signal,
        IOptions<DeliveryOptions> options,
        BotDatabase database,
        TimeProvider time,
        ILogger<DeliveryWorker> logger,
        DeliveryRateLimiter rateLimiter,
        IEnumerable<IOutboxPayloadRenderer> renderers,
        PlatformLeadership? leadership = null)
    {
        ArgumentNullException.ThrowIfNull(messengers);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(renderers);
        _outbox = outbox;
        _subscriptions = subscriptions;
        _messengers = [];
        foreach (var messenger in messengers)
        {
            // The last registration for a platform wins, as with DI's single-service resolution.
            _messengers[messenger.Platform] = messenger;
        }

        // One per payload kind the features queue (from DI: every registered one), and delivery's own publications.
        _renderers = renderers.ToDictionary(r => r.Kind, StringComparer.Ordinal);
        _renderers.TryAdd(OutboxPublication.Kind, new OutboxChangeRenderer<OutboxPublication>());
        _repeatable = _renderers.Values.Where(r => r.IsChange).Select(r => r.Kind).ToHashSet(StringComparer.Ordinal);
        _lowPriority = _renderers.Values.Where(r => r.IsLowPriority).Select(r => r.Kind).ToHashSet(StringComparer.Ordinal);
        _signal = signal;
        // Shared with the platforms' answers: one budget per bot token and process.
        RateLimiter = rateLimiter;
        _optionsSource = options;
        _database = database;
        _time = time;
        _logger = logger;
        _leadership = leadership;
    }

    /// <summary>How long sends already under way may go on after shutdown began.</summary>
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(5);

    private DeliveryOptions Settings => _optionsSource.Value;

    /// <summary>This worker's name in the outbox's <c>claimed_by</c> column.</summary>
    public string WorkerId { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>
    /// Settles rows that a dead worker left half-sent. With SQLite the file lock guarantees that no
    /// other process is alive, so every other worker's row is settled; with PostgreSQL those of workers
    /// that have not checked in for <see cref="DeliveryOptions.WorkerTimeout"/>.
    /// </summary>
    public async Task SettleInterruptedAsync(CancellationToken cancellationToken)
    {
        var aliveSince = _database.Provider == StorageProvider.Sqlite ? DateTimeOffset.MaxValue : _time.GetUtcNow() - Settings.WorkerTimeout;
        var keys = await _outbox.SettleInterruptedAsync(WorkerId, aliveSince, _repeatable, cancellationToken);
        foreach (var key in keys)
        {
            LogUncertain(key);
        }
    }

    /// <summary>The platforms' send limits this worker keeps (for tests and status).</summary>
    public DeliveryRateLimiter RateLimiter { get; }

    /// <summary>
    /// One round: for every platform at once, claims due rows one by one right before sending each,
    /// and sends to different chats in parallel (up to <see cref="DeliveryOptions.MaxParallelSends"/>)
    /// as fast as <see cref="RateLimiter"/> allows; one chat's rows go in order, one at a time. Waits
    /// for the limiter only while sends are in flight: rows that must wait with nothing in flight end
    /// the round (see <see cref="NextTurnIn"/>). Returns how many rows this worker handled. The hosted
    /// loop runs each platform's round on its own instead, so no platform waits for another's; this
    /// one waits for all of them, for tests that step the worker.
    /// </summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var lanes = await Task.WhenAll(_messengers.Keys.Select(platform => RunLaneAsync(platform, cancellationToken)));
        NextTurnIn = lanes.Select(l => l.Deferred).Where(d => d is not null).Min();
        return lanes.Sum(l => l.Handled);
    }

    /// <summary>How long sending to <paramref name="platform"/> still rests after it refused our credentials; null when it does not.</summary>
    private TimeSpan? RefusedFor(PlatformId platform) =>
        _refused.TryGetValue(platform, out var until) && until > _time.GetUtcNow() ? until - _time.GetUtcNow() : null;

    /// <summary>After a round: how long until the limiter lets the next waiting row go (null when none waits).</summary>
    public TimeSpan? NextTurnIn { get; private set; }

    private async Task<(int Handled, TimeSpan? Deferred)> RunLaneAsync(PlatformId platform, CancellationToken cancellationToken)
    {
        var queue = new List<OutboxRow>();
        var known = new HashSet<string>(StringComparer.Ordinal);
        // A list, not a dictionary: sends that finish at once share one completed Task instance.
        var running = new List<(Task Send, ChatAddress Chat)>();
        var busy = new HashSet<ChatAddress>();
        var handled = 0;
        var exhausted = false;
        var followUps = Volatile.Read(ref _followUpsQueued);
        TimeSpan? deferred = null;

        // Sends already under way may finish for a few seconds after shutdown began, so that their outcome is known.
        using var sends = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _time);
        await using var stopping = cancellationToken.Register(() => sends.CancelAfter(ShutdownGrace));
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (RefusedFor(platform) is { } refused)
                {
                    // The platform refused our credentials (in this round or before): the rest waits, still pending.
                    deferred = refused;
                    break;
                }

                if (exhausted && Volatile.Read(ref _followUpsQueued) is var queued && queued != followUps)
                {
                    // A send queued its publication since: due once the send is marked, in this round.
                    followUps = queued;
                    exhausted = false;
                }

                if (!exhausted && queue.Count <= Settings.BatchSize / 2)
                {
                    // Rows still queued here are pending too, so ask for that many more.
                    var fresh = (await _outbox.DueAsync(Settings.BatchSize + queue.Count, platform, cancellationToken)).Where(r => known.Add(r.Key)).ToList();
                    queue.AddRange(fresh);
                    exhausted = fresh.Count == 0;
                }

                // Take a turn for every row that may go now (different chats, within the limits and the
                // parallel cap), claim them all in one transaction, then send each.
                TimeSpan? wait = null;
                var waiting = new HashSet<ChatAddress>();
                var picked = new List<(OutboxRow Row, DeliveryRateLimiter.Turn Turn)>();
                var chosen = new HashSet<ChatAddress>();
                // After our credentials were refused, one send at a time tells whether they work again.
                var parallel = _refused.ContainsKey(platform) ? 1 : Settings.MaxParallelSends;
                // Low-priority rows go in a second pass, only when nothing in the first had to wait for the limiter.
                var now = _time.GetUtcNow();
                for (var pass = 0; pass < 2 && (pass == 0 || wait is null); pass++)
                for (var i = 0; i < queue.Count && running.Count + picked.Count < parallel;)
                {
                    var row = queue[i];
                    if (busy.Contains(row.Chat) || waiting.Contains(row.Chat) || chosen.Contains(row.Chat) || Yields(row, now) != (pass == 1))
                    {
                        i++;
                        continue;
                    }

                    var turnWait = RateLimiter.TryReserve(row.Chat, out var turn);
                    if (turn is null)
                    {
                        waiting.Add(row.Chat);
                        wait = wait is { } w && w < turnWait ? w : turnWait;
                        i++;
                        continue;
                    }

                    queue.RemoveAt(i);
                    chosen.Add(row.Chat);
                    picked.Add((row, turn));
                    if (_yieldingSince.TryRemove(row.Key, out _) || _lowPriority.Contains(row.Payload.Kind))
                    {
                        // Queued again and again (the latest progress): the next time it is due it is a new row to this round.
                        known.Remove(row.Key);
                    }
                }

                if (picked.Count > 0)
                {
                    IReadOnlyDictionary<string, OutboxPayload> won;
                    try
                    {
                        won = await _outbox.ClaimManyAsync(WorkerId, [.. picked.Select(p => p.Row)], cancellationToken);
                    }
                    catch
                    {
                        picked.ForEach(p => p.Turn.Finish());
                        throw;
                    }

                    foreach (var (row, turn) in picked)
                    {
                        if (!won.TryGetValue(row.Key, out var payload))
                        {
                            // Another worker was first.
                            turn.Finish();
                            continue;
                        }

                        busy.Add(row.Chat);
                        running.Add((SendAndRecordAsync(row with { Payload = payload }, turn, sends.Token), row.Chat));
                    }
                }

                if (running.Count == 0)
                {
                    if (queue.Count == 0 && exhausted)
                    {
                        break;
                    }

                    if (queue.Count > 0 && wait is not null)
                    {
                        // Everything left waits for the limiter and nothing is in flight: the caller comes back in time.
                        deferred = wait;
                        break;
                    }

                    continue;
                }

                await WaitForProgressAsync(running.Select(r => r.Send), wait, cancellationToken);
                handled += running.RemoveAll(r =>
                {
                    if (!r.Send.IsCompleted)
                    {
                        return false;
                    }

                    busy.Remove(r.Chat);
                    return true;
                });
            }
        }
        finally
        {
            // Never leave a claimed row without its outcome.
            await Task.WhenAll(running.Select(r => r.Send));
        }

        return (handled, deferred);
    }

    /// <summary>Whether <paramref name="row"/> lets the others go first now: a low-priority kind that has not yet waited its patience.</summary>
    private bool Yields(OutboxRow row, DateTimeOffset now) =>
        _lowPriority.Contains(row.Payload.Kind) && now - _yieldingSince.GetOrAdd(row.Key, now) < OutboxChange.LowPriorityPatience;

    private async Task WaitForProgressAsync(IEnumerable<Task> running, TimeSpan? limiterWait, CancellationToken cancellationToken)
    {
        var any = Task.WhenAny(running);
        if (limiterWait is not { } wait)
        {
            await any;
            return;
        }

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(wait, _time, timer.Token);
        await Task.WhenAny(any, delay);
        await timer.CancelAsync();
    }

    private async Task SendAndRecordAsync(OutboxRow row, DeliveryRateLimiter.Turn turn, CancellationToken cancellationToken)
    {
        try
        {
            // Once claimed, a row's outcome is recorded even during shutdown: never leave it half done.
            DeliveryResult result;
            OutboxChange? change;
            // A child of what queued the row (the confirm, the reminder job), so one trace runs from there to the send.
            var queuedBy = ActivityContext.TryParse(row.TraceParent, null, out var parent) ? parent : default;
            using (var activity = BotTelemetry.Source.StartActivity("bot.send", ActivityKind.Internal, queuedBy))
            {
                activity?.SetTag("bot.platform", row.Chat.Platform.Name);
                activity?.SetTag("bot.post", row.Payload.Kind);
                try
                {
                    turn.Sending();
                    RequestSentSignal.Current = turn.Sending; // and again when the request has really left
                    (result, change) = await SendAsync(row, cancellationToken);
                }
                finally
                {
                    turn.Finish();
                }

                activity?.SetTag("bot.result", result.Outcome.ToString());
            }

            BotTelemetry.Sends.Add(1, new("platform", row.Chat.Platform.Name), new("result", result.Outcome.ToString()));

            await RecordAsync(row, result, change, CancellationToken.None);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown outlasted the grace during the send: the row stays "sending" and is settled as uncertain at the next start.
            LogSendAbandoned(row.Key);
        }
        catch (Exception ex)
        {
            LogRecordFailed(ex, row.Key);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Checked in before the first claim, so no other node takes this worker's claims for a dead one's.
        await CheckInAsync(stoppingToken);
        var checkIns = KeepCheckingInAsync(stoppingToken);
        // A worker built by hand (tests) has a leadership of its own.
        await using var own = _leadership is null ? new PlatformLeadership(_database) : null;
        var leadership = _leadership ?? own!;

        // One loop per platform: a platform that waits (for its limit, a 429, a slow answer) never holds up another.
        await Task.WhenAll(_messengers.Keys.Select(platform => RunLaneLoopAsync(platform, leadership, stoppingToken)).Append(KeepSettlingAsync(leadership, stoppingToken)));
        await checkIns;
    }

    private async Task RunLaneLoopAsync(PlatformId platform, PlatformLeadership leadership, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var poke = _signal.Next;
                if (!await leadership.HoldAsync(stoppingToken))
                {
                    // Another node talks to the platforms; ask again at the poll interval (it takes over within one when the leader dies).
                    await Task.Delay(Settings.PollInterval, _time, stoppingToken);
                    continue;
                }

                var (handled, deferred) = await RunLaneAsync(platform, stoppingToken);
                if (handled > 0)
                {
                    // Sent something: there may be more.
                    continue;
                }

                // Rows held back by the limiter come back when their turn is due, others at the poll (or a poke).
                var wait = deferred is { } turn && turn < Settings.PollInterval ? turn : Settings.PollInterval;
                await DeliverySignal.WaitAsync(poke, wait, _time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogRoundFailed(ex);
                await WaitAfterErrorAsync(stoppingToken);
            }
        }
    }

    /// <summary>While this node leads, settles the rows of workers that stopped checking in, every <see cref="SettleEvery"/>.</summary>
    private async Task KeepSettlingAsync(PlatformLeadership leadership, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await leadership.HoldAsync(stoppingToken))
                {
                    await SettleInterruptedAsync(stoppingToken);
                }

                await Task.Delay(SettleEvery, _time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogRoundFailed(ex);
                await WaitAfterErrorAsync(stoppingToken);
            }
        }
    }

    /// <summary>How often a dead worker's rows are looked for: often enough to settle them within <see cref="DeliveryOptions.WorkerTimeout"/> of its death.</summary>
    private TimeSpan SettleEvery => Settings.WorkerTimeout / 3;

    /// <summary>Tells the other nodes, every third of <see cref="DeliveryOptions.WorkerTimeout"/>, that this worker is alive.</summary>
    private async Task KeepCheckingInAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(SettleEvery, _time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            await CheckInAsync(stoppingToken);
        }
    }

    private async Task CheckInAsync(CancellationToken stoppingToken)
    {
        try
        {
            await _outbox.CheckInAsync(WorkerId, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogCheckInFailed(ex);
        }
    }

    private async Task WaitAfterErrorAsync(CancellationToken stoppingToken)
    {
        try
        {
            // A poke (new rows) also ends the pause.
            await DeliverySignal.WaitAsync(_signal.Next, Settings.PollInterval, _time, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
    }

    private async Task<(DeliveryResult Result, OutboxChange? Change)> SendAsync(OutboxRow row, CancellationToken cancellationToken)
    {
        // Lanes run per registered messenger: rows for a platform not registered in this process wait.
        var messenger = _messengers[row.Chat.Platform];
        if (!_renderers.TryGetValue(row.Payload.Kind, out var renderer))
        {
            return (new DeliveryResult(DeliveryOutcome.Failed, $"no renderer for the payload kind '{row.Payload.Kind}'"), null);
        }

        try
        {
            if (renderer.Change(row.Payload.Json) is { } change)
            {
                return await ChangeAsync(messenger, row, change, cancellationToken);
            }

            return (await messenger.SendAsync(row.Chat, renderer.Render(row.Payload.Json), row.PartsSent, cancellationToken), null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Messengers report platform errors as results; an exception is a bug or an unknown
            // state. Not resending keeps the at-most-once promise.
            LogSendThrew(ex, row.Key);
            return (new DeliveryResult(DeliveryOutcome.Failed, $"messenger error: {ex.GetType().Name}: {ex.Message}"), null);
        }
    }

    /// <summary>
    /// Edits or deletes the messages the target post became (or the post that brought them back after a member
    /// deleted them: the change comes back aimed at that one). A post still under way is waited for (its send
    /// comes first); one that never arrived, or of which it is unknown, has nothing to change.
    /// </summary>
    private async Task<(DeliveryResult Result, OutboxChange Change)> ChangeAsync(IMessenger messenger, OutboxRow row, OutboxChange change, CancellationToken cancellationToken)
    {
        if (change.Messages is { } messages)
        {
            // Not a post of the outbox: the messages are named by the change itself.
            return (change.Replacement is { } text ? await messenger.EditAsync(row.Chat, messages, text, cancellationToken) : await messenger.DeleteAsync(row.Chat, messages, cancellationToken), change);
        }

        var target = await _outbox.CurrentPostAsync(change.TargetKey, cancellationToken);
        if (target is null)
        {
            return (new DeliveryResult(DeliveryOutcome.Failed, "nothing to change: the post is not in the outbox"), change);
        }

        change = change with { TargetKey = target.Key };
        if (target.IsUnderWay)
        {
            return (WaitForPost, change);
        }

        if (target.MessageIds.Count == 0)
        {
            return (NothingToChange(target.Status), change);
        }

        if (change.Pin)
        {
            return (await PinAsync(messenger, row.Chat, target.MessageIds[0], cancellationToken), change);
        }

        if (change.Publish)
        {
            var published = await messenger.PublishAsync(row.Chat, target.MessageIds, cancellationToken);
            if (published.Outcome == DeliveryOutcome.Sent)
            {
                FaultPoint.Reach(FaultPoint.Published);
            }

            return (published, change);
        }

        if (change.Replacement is not { } reply)
        {
            var deleted = await messenger.DeleteAsync(row.Chat, target.MessageIds, cancellationToken);
            return (deleted.Outcome == DeliveryOutcome.MessageGone ? DeliveryResult.Sent : deleted, change);
        }

        var edited = await messenger.EditAsync(row.Chat, target.MessageIds, reply, cancellationToken);
        if (edited.Outcome != DeliveryOutcome.MessageGone || change.Repost is not { } repost)
        {
            return (edited, change);
        }

        // A member deleted the message: it comes back as a post of its own, sent (and settled after a crash) like any
        // other, never by this row, whose repeat after a crash would post it twice.
        var key = row.Key + ":repost";
        var rows = new List<OutboxRow> { new(key, row.Chat, repost, _time.GetUtcNow(), null, row.EventId) };
        if (change.PinRepost(key) is { } pin)
        {
            rows.Add(new OutboxRow(key + ":pin", row.Chat, pin, _time.GetUtcNow(), null, row.EventId) { AfterKey = key });
        }

        if (!await _outbox.ReplaceAsync(row.Key, target.Key, rows, cancellationToken))
        {
            return (WaitForPost, change); // another change brought it back first: follow that post
        }

        LogReposting(target.Key, row.Chat);
        _signal.Poke();
        return (Reposted, change);
    }

    /// <summary>Pins a message; where the bot may not pin, the post stays unpinned and the log says so (once per message).</summary>
    private async Task<DeliveryResult> PinAsync(IMessenger messenger, ChatAddress chat, string messageId, CancellationToken cancellationToken)
    {
        var pinned = await messenger.PinAsync(chat, messageId, cancellationToken);
        if (pinned.Outcome is DeliveryOutcome.Failed or DeliveryOutcome.Gone or DeliveryOutcome.MessageGone)
        {
            LogNotPinned(chat, pinned.Reason);
            return DeliveryResult.Sent;
        }

        return pinned;
    }

    /// <summary>An edit that queued the post bringing its deleted message back; the row was marked done with it.</summary>
    private static readonly DeliveryResult Reposted = new(DeliveryOutcome.Sent);

    /// <summary>A change whose post is still being sent: asked again after <see cref="PostWait"/>, not an attempt.</summary>
    private static readonly DeliveryResult WaitForPost = new(DeliveryOutcome.Retry, "waiting for the post to be sent first");

    /// <summary>How long a change waits before it looks again whether its post went.</summary>
    private static readonly TimeSpan PostWait = TimeSpan.FromSeconds(2);

    private static DeliveryResult NothingToChange(string status) => new(DeliveryOutcome.Failed, status switch
    {
        OutboxStatus.Uncertain => "nothing to change: unknown whether the post arrived (the process stopped during its send)",
        OutboxStatus.Sent => "nothing to change: the post was sent before message ids were kept",
        _ => $"nothing to change: the post never arrived ({status})",
    });

    private async Task RecordAsync(OutboxRow row, DeliveryResult result, OutboxChange? change, CancellationToken cancellationToken)
    {
        if (ReferenceEquals(result, Reposted))
        {
            return;
        }

        if (ReferenceEquals(result, WaitForPost))
        {
            await _outbox.MarkRetryAsync(row.Key, _time.GetUtcNow() + PostWait, result.Reason, cancellationToken, notAnAttempt: true);
            return;
        }

        if (change is not null && result.Outcome == DeliveryOutcome.Uncertain)
        {
            // An edit or deletion without an answer may simply be made again.
            result = result with { Outcome = DeliveryOutcome.Retry };
        }

        // An answer about the chat or the message means the platform took our credentials again.
        if (result.Outcome is DeliveryOutcome.Sent or DeliveryOutcome.Gone or DeliveryOutcome.Failed && _refused.TryRemove(row.Chat.Platform, out _))
        {
            LogAuthorizedAgain(row.Chat.Platform);
        }

        switch (result.Outcome)
        {
            case DeliveryOutcome.Sent:
                FaultPoint.Reach(FaultPoint.Accepted);
                if (change is not null)
                {
                    await _outbox.MarkChangedAsync(row.Key, change.TargetKey, change.Replacement is null || change.Messages is not null ? null : result.MessageIds, cancellationToken);
                }
                else
                {
                    // Publishing follows as a row of its own, committed with the mark: a crash in between loses neither.
                    var publication = result.PublishNext
                        ? new OutboxRow(OutboxPublication.KeyOf(row.Key), row.Chat, OutboxPayload.OfChange(new OutboxPublication(row.Key)), _time.GetUtcNow(), null, null) { AfterKey = row.Key }
                        : null;
                    await _outbox.MarkSentAsync(row.Key, result.MessageIds, publication, cancellationToken);
                    if (publication is not null)
                    {
                        Interlocked.Increment(ref _followUpsQueued);
                    }
                }

                FaultPoint.Reach(FaultPoint.Sent);
                LogSent(row.Key, row.Chat);
                break;
            case DeliveryOutcome.RateLimited:
                // "Too many requests": slow this chat (or the platform) down and come back when asked; not an attempt.
                var rateLimited = result.RetryAfter ?? Settings.InitialBackoff;
                BotTelemetry.RateLimited.Add(1, new KeyValuePair<string, object?>("platform", row.Chat.Platform.Name));
                RateLimiter.RateLimited(row.Chat, rateLimited);
                await _outbox.MarkRetryAsync(row.Key, _time.GetUtcNow() + rateLimited, result.Reason, cancellationToken, notAnAttempt: true, partsSent: change is null ? result.PartsSent : 0, messageIds: change is null ? result.MessageIds : null);
                LogRateLimited(row.Key, row.Chat, rateLimited, result.Reason);
                break;
            case DeliveryOutcome.Retry when row.Attempts < Settings.MaxAttempts:
                var backoff = TimeSpan.FromTicks(Math.Min(Settings.MaxBackoff.Ticks, Settings.InitialBackoff.Ticks * (1L << Math.Min(row.Attempts - 1, 30))));
                await _outbox.MarkRetryAsync(row.Key, _time.GetUtcNow() + backoff, result.Reason, cancellationToken, partsSent: change is null ? result.PartsSent : 0, messageIds: change is null ? result.MessageIds : null);
                LogRetry(row.Key, row.Attempts, backoff, result.Reason);
                break;
            case DeliveryOutcome.Unauthorized:
                // Our token, not this row or its chat: the row waits, pending and not an attempt, while the platform rests.
                var until = _time.GetUtcNow() + PlatformRetry.UnauthorizedPause;
                await _outbox.MarkRetryAsync(row.Key, until, result.Reason, cancellationToken, notAnAttempt: true, partsSent: change is null ? result.PartsSent : 0, messageIds: change is null ? result.MessageIds : null);
                if (_refused.TryAdd(row.Chat.Platform, until))
                {
                    LogUnauthorized(row.Chat.Platform, result.Reason, PlatformRetry.UnauthorizedPause);
                }
                else
                {
                    _refused[row.Chat.Platform] = until;
                }

                break;
            case DeliveryOutcome.Uncertain:
                await _outbox.MarkUncertainAsync(row.Key, result.Reason, cancellationToken);
                LogNoAnswer(row.Key, row.Chat, result.Reason);
                break;
            case DeliveryOutcome.Gone:
                await _outbox.MarkFailedAsync(row.Key, result.Reason ?? "chat gone", cancellationToken);
                await _subscriptions.PauseAsync(row.Chat, result.Reason ?? "chat gone", cancellationToken);
                LogGone(row.Chat, result.Reason);
                break;
            default:
                await _outbox.MarkFailedAsync(row.Key, result.Reason ?? result.Outcome.ToString(), cancellationToken);
                LogFailed(row.Key, row.Attempts, result.Reason);
                break;
        }
    }

    [LoggerMessage(EventId = 5201, Level = LogLevel.Information, Message = "Delivered {Key} to {Chat}")]
    private partial void LogSent(string key, ChatAddress chat);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Warning, Message = "Delivery of {Key} failed (attempt {Attempt}); retrying in {Delay}: {Reason}")]
    private partial void LogRetry(string key, int attempt, TimeSpan delay, string? reason);

    [LoggerMessage(EventId = 5203, Level = LogLevel.Error, Message = "Delivery of {Key} failed for good after {Attempts} attempts: {Reason}")]
    private partial void LogFailed(string key, int attempts, string? reason);

    [LoggerMessage(EventId = 5204, Level = LogLevel.Warning, Message = "Chat {Chat} is gone ({Reason}); its subscription is paused")]
    private partial void LogGone(ChatAddress chat, string? reason);

    [LoggerMessage(EventId = 5205, Level = LogLevel.Warning, Message = "Outbox row {Key} was being sent when its process stopped; marked uncertain and not resent")]
    private partial void LogUncertain(string key);

    [LoggerMessage(EventId = 5206, Level = LogLevel.Error, Message = "A delivery round failed; trying again after the poll interval")]
    private partial void LogRoundFailed(Exception exception);

    [LoggerMessage(EventId = 5208, Level = LogLevel.Warning, Message = "Delivery of {Key} to {Chat} was rate limited; trying again in {Delay}: {Reason}")]
    private partial void LogRateLimited(string key, ChatAddress chat, TimeSpan delay, string? reason);

    [LoggerMessage(EventId = 5209, Level = LogLevel.Warning, Message = "Shutdown interrupted the send of {Key}; it will be marked uncertain, not resent")]
    private partial void LogSendAbandoned(string key);

    [LoggerMessage(EventId = 5210, Level = LogLevel.Error, Message = "Recording the outcome of {Key} failed")]
    private partial void LogRecordFailed(Exception exception, string key);

    [LoggerMessage(EventId = 5212, Level = LogLevel.Warning, Message = "Sending {Key} to {Chat} got no answer ({Reason}); it may have arrived, so it is marked uncertain and not resent")]
    private partial void LogNoAnswer(string key, ChatAddress chat, string? reason);

    [LoggerMessage(EventId = 5213, Level = LogLevel.Error, Message = "{Platform} refused the bot's credentials ({Reason}): check the bot token. Nothing is sent there until it works; its posts stay pending, and one is tried again every {Pause}")]
    private partial void LogUnauthorized(PlatformId platform, string? reason, TimeSpan pause);

    [LoggerMessage(EventId = 5214, Level = LogLevel.Information, Message = "{Platform} accepts the bot's credentials again; sending resumes")]
    private partial void LogAuthorizedAgain(PlatformId platform);

    [LoggerMessage(EventId = 5211, Level = LogLevel.Warning, Message = "Checking in this delivery worker failed; trying again")]
    private partial void LogCheckInFailed(Exception exception);

    [LoggerMessage(EventId = 5215, Level = LogLevel.Warning, Message = "The bot may not pin messages in {Chat} ({Reason}); the message stays unpinned. Give the bot the right to pin to have it pinned")]
    private partial void LogNotPinned(ChatAddress chat, string? reason);

    [LoggerMessage(EventId = 5216, Level = LogLevel.Information, Message = "The message of {Key} in {Chat} was deleted; posting it again")]
    private partial void LogReposting(string key, ChatAddress chat);

    [LoggerMessage(EventId = 5207, Level = LogLevel.Error, Message = "The messenger threw while sending {Key}")]
    private partial void LogSendThrew(Exception exception, string key);
}
