using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Bot.Core.Kernel;
using Bot.Core.Storage;

namespace Bot.Core.Delivery;

/// <summary>
/// The outbox table. Exactly-once rests on two rules:
/// <list type="number">
/// <item>Writing is idempotent: the key (event, slot, chat) is the primary key and a second insert
/// does nothing, so a job that runs twice (retry, misfire, two nodes) queues each post once.</item>
/// <item>Claim, then send, then mark, one row at a time: a worker first moves a row from <c>pending</c> to
/// <c>sending</c> with a conditional UPDATE that only one worker can win, commits, and only then
/// calls the platform. A row is therefore never sent by two workers, nor twice by one. The price:
/// when a process dies during the send call itself, the row stays <c>sending</c> and is later marked
/// <c>uncertain</c> (reported, not resent) — we choose "at most once" for that one in-flight post
/// over a duplicate in every subscribed channel, because the platforms have no idempotent send.</item>
/// </list>
/// </summary>
internal sealed class OutboxStore
{
    private readonly BotDatabase _database;
    private readonly TimeProvider _time;

    public OutboxStore(BotDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    /// <summary>Queues rows; rows whose key is already there are ignored. Returns how many were new.</summary>
    public async Task<int> EnqueueAsync(IEnumerable<OutboxRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var added = await EnqueueAsync(connection, transaction, rows, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return added;
    }

    /// <summary>As <see cref="EnqueueAsync(IEnumerable{OutboxRow}, CancellationToken)"/>, inside the caller's transaction (an announcement's confirm and its rows commit together).</summary>
    public static async Task<int> EnqueueAsync(DbConnection connection, DbTransaction transaction, IEnumerable<OutboxRow> rows, long nowUnixMs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var now = nowUnixMs;
        var added = 0;
        var queuedBy = Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;
        foreach (var row in rows)
        {
            added += await BotDatabase.ExecuteAsync(connection, transaction, """
                INSERT INTO bot_outbox (dedup_key, platform, chat_id, chat_kind, payload_kind, payload, event_id, due_at, expires_at, status, attempts, next_attempt_at, created_at, after_key, traceparent)
                VALUES (@key, @platform, @chat, @kind, @payloadKind, @payload, @event, @due, @expires, 'pending', 0, @due, @now, @after, @trace)
                ON CONFLICT (dedup_key) DO NOTHING
                """, cancellationToken,
                ("key", row.Key), ("after", row.AfterKey), ("trace", row.TraceParent ?? queuedBy), ("platform", row.Chat.Platform.ToString()), ("chat", row.Chat.ChatId), ("kind", row.Chat.Kind.ToString()),
                ("payloadKind", row.Payload.Kind), ("payload", row.Payload.Json), ("event", row.EventId), ("due", row.DueAt.ToUnixTimeMilliseconds()),
                ("expires", row.ExpiresAt?.ToUnixTimeMilliseconds()), ("now", now));
        }

        return added;
    }

    /// <summary>
    /// Queues <paramref name="row"/> again with its new payload, for a row that says the latest of something (a
    /// moderator's progress message): inserted when new; one that went is pending again; one still pending keeps its
    /// place and takes the new payload; one being sent, or failed, is left alone (false).
    /// </summary>
    public static async Task<bool> RequeueAsync(DbConnection connection, DbTransaction transaction, OutboxRow row, long nowUnixMs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        return await BotDatabase.ExecuteAsync(connection, transaction, """
            INSERT INTO bot_outbox (dedup_key, platform, chat_id, chat_kind, payload_kind, payload, event_id, due_at, expires_at, status, attempts, next_attempt_at, created_at, after_key)
            VALUES (@key, @platform, @chat, @kind, @payloadKind, @payload, NULL, @due, NULL, 'pending', 0, @now, @now, NULL)
            ON CONFLICT (dedup_key) DO UPDATE SET payload = excluded.payload, last_error = NULL,
                next_attempt_at = CASE WHEN bot_outbox.status = 'pending' THEN bot_outbox.next_attempt_at ELSE excluded.next_attempt_at END,
                attempts = CASE WHEN bot_outbox.status = 'pending' THEN bot_outbox.attempts ELSE 0 END,
                status = 'pending'
            WHERE bot_outbox.status NOT IN ('sending', 'failed')
            """, cancellationToken,
            ("key", row.Key), ("platform", row.Chat.Platform.ToString()), ("chat", row.Chat.ChatId), ("kind", row.Chat.Kind.ToString()),
            ("payloadKind", row.Payload.Kind), ("payload", row.Payload.Json), ("due", row.DueAt.ToUnixTimeMilliseconds()), ("now", nowUnixMs)) == 1;
    }

    /// <summary>
    /// Up to <paramref name="max"/> rows that are due, oldest first (not yet claimed: claim each with
    /// <see cref="TryClaimAsync"/> right before sending it, so a crash strands at most the one row in
    /// flight). Rows whose moment passed are marked expired instead.
    /// </summary>
    public Task<IReadOnlyList<OutboxRow>> DueAsync(int max, CancellationToken cancellationToken) => DueAsync(max, null, cancellationToken);

    /// <summary>As <see cref="DueAsync(int, CancellationToken)"/>, for one platform only when <paramref name="platform"/> is given.</summary>
    public async Task<IReadOnlyList<OutboxRow>> DueAsync(int max, PlatformId? platform, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await _database.OpenAsync(cancellationToken);
        await BotDatabase.ExecuteAsync(connection, null,
            "UPDATE bot_outbox SET status = 'expired', last_error = 'the event already began' WHERE status = 'pending' AND expires_at IS NOT NULL AND expires_at <= @now",
            cancellationToken, ("now", now));

        var candidates = new List<OutboxRow>();
        // Two constant texts rather than "@platform IS NULL": PostgreSQL cannot type a NULL parameter there.
        await using var command = platform is null
            ? BotDatabase.Command(connection, null, $"""
                SELECT dedup_key, platform, chat_id, chat_kind, payload, event_id, due_at, expires_at, attempts, parts_sent, payload_kind, traceparent
                FROM bot_outbox o WHERE status = 'pending' AND next_attempt_at <= @now AND {AfterSettled}
                ORDER BY due_at, dedup_key LIMIT @max
                """, ("now", now), ("max", (long)max))
            : BotDatabase.Command(connection, null, $"""
                SELECT dedup_key, platform, chat_id, chat_kind, payload, event_id, due_at, expires_at, attempts, parts_sent, payload_kind, traceparent
                FROM bot_outbox o WHERE status = 'pending' AND next_attempt_at <= @now AND platform = @platform AND {AfterSettled}
                ORDER BY due_at, dedup_key LIMIT @max
                """, ("now", now), ("max", (long)max), ("platform", platform.Name));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            candidates.Add(new OutboxRow(
                reader.GetString(0),
                new ChatAddress(new PlatformId(reader.GetString(1)), reader.GetString(2), Enum.Parse<ChatKind>(reader.GetString(3))),
                new OutboxPayload(reader.GetString(10), reader.GetString(4)),
                DateTimeOffset.FromUnixTimeMilliseconds(Long(reader.GetValue(6))),
                reader.IsDBNull(7) ? null : DateTimeOffset.FromUnixTimeMilliseconds(Long(reader.GetValue(7))),
                reader.IsDBNull(5) ? null : reader.GetString(5))
            {
                Attempts = (int)Long(reader.GetValue(8)) + 1,
                PartsSent = (int)Long(reader.GetValue(9)),
                TraceParent = reader.IsDBNull(11) ? null : reader.GetString(11),
            });
        }

        return candidates;
    }

    /// <summary>The condition of a due row: the row it waits for (<see cref="OutboxRow.AfterKey"/>), if any, is no longer under way.</summary>
    private const string AfterSettled =
        "(o.after_key IS NULL OR NOT EXISTS (SELECT 1 FROM bot_outbox a WHERE a.dedup_key = o.after_key AND a.status IN ('pending', 'sending')))";

    /// <summary>
    /// Claims one row for <paramref name="worker"/>: a conditional UPDATE (<c>WHERE status = 'pending'</c>)
    /// that only one worker can win, committed before anything is sent. False when another worker
    /// (another node) was first.
    /// </summary>
    public async Task<bool> TryClaimAsync(string worker, OutboxRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        await using var connection = await _database.OpenAsync(cancellationToken);
        var won = await BotDatabase.ExecuteAsync(connection, null,
            "UPDATE bot_outbox SET status = 'sending', claimed_by = @worker, claimed_at = @now, attempts = attempts + 1 WHERE dedup_key = @key AND status = 'pending' AND next_attempt_at <= @now",
            cancellationToken, ("worker", worker), ("now", _time.GetUtcNow().ToUnixTimeMilliseconds()), ("key", row.Key));
        return won == 1;
    }

    /// <summary>
    /// Claims several rows at once, each as <see cref="TryClaimAsync"/> does, in one transaction (one
    /// commit for all, which is what makes a fast broadcast possible on SQLite). Returns the keys this
    /// worker won.
    /// </summary>
    public async Task<IReadOnlySet<string>> TryClaimManyAsync(string worker, IReadOnlyList<OutboxRow> rows, CancellationToken cancellationToken) =>
        (await ClaimManyAsync(worker, rows, cancellationToken)).Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// As <see cref="TryClaimManyAsync"/>, returning each won row's payload as it is at the claim: a moderator's
    /// edit may have given a row that was not claimed yet a new text since it was read as due.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, OutboxPayload>> ClaimManyAsync(string worker, IReadOnlyList<OutboxRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var won = new Dictionary<string, OutboxPayload>(StringComparer.Ordinal);
        if (rows.Count == 0)
        {
            return won;
        }

        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var row in rows)
        {
            await using var command = BotDatabase.Command(connection, transaction,
                "UPDATE bot_outbox SET status = 'sending', claimed_by = @worker, claimed_at = @now, attempts = attempts + 1 WHERE dedup_key = @key AND status = 'pending' AND next_attempt_at <= @now RETURNING payload_kind, payload",
                ("worker", worker), ("now", now), ("key", row.Key));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                won[row.Key] = new OutboxPayload(reader.GetString(0), reader.GetString(1));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return won;
    }

    /// <summary>The platform accepted the row.</summary>
    public Task MarkSentAsync(string key, CancellationToken cancellationToken) => MarkSentAsync(key, [], cancellationToken);

    /// <summary>The platform accepted the row as the messages <paramref name="messageIds"/> (added to those of earlier attempts).</summary>
    public Task MarkSentAsync(string key, IReadOnlyList<string> messageIds, CancellationToken cancellationToken) => MarkSentAsync(key, messageIds, null, cancellationToken);

    /// <summary>As <see cref="MarkSentAsync(string, IReadOnlyList{string}, CancellationToken)"/>, queueing <paramref name="followUp"/> (the post's publication) in the same transaction.</summary>
    public async Task MarkSentAsync(string key, IReadOnlyList<string> messageIds, OutboxRow? followUp, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await BotDatabase.ExecuteAsync(connection, transaction,
            "UPDATE bot_outbox SET status = 'sent', sent_at = @now, last_error = NULL, message_ids = message_ids || @ids WHERE dedup_key = @key",
            cancellationToken, ("now", now), ("ids", JoinIds(messageIds)), ("key", key));
        if (followUp is not null)
        {
            await EnqueueAsync(connection, transaction, [followUp], now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>A change (edit, deletion) was made: the row is done, and the post it changed now consists of <paramref name="targetMessageIds"/> (unchanged when null).</summary>
    public async Task MarkChangedAsync(string key, string targetKey, IReadOnlyList<string>? targetMessageIds, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await BotDatabase.ExecuteAsync(connection, transaction, "UPDATE bot_outbox SET status = 'sent', sent_at = @now, last_error = NULL WHERE dedup_key = @key",
            cancellationToken, ("now", _time.GetUtcNow().ToUnixTimeMilliseconds()), ("key", key));
        if (targetMessageIds is not null)
        {
            await BotDatabase.ExecuteAsync(connection, transaction, "UPDATE bot_outbox SET message_ids = @ids WHERE dedup_key = @key",
                cancellationToken, ("ids", JoinIds(targetMessageIds)), ("key", targetKey));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Where the post <paramref name="key"/> stands, with the messages it became; null when there is no such row.</summary>
    public async Task<OutboxPostState?> PostStateAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = BotDatabase.Command(connection, null, "SELECT status, message_ids, parts_sent, replaced_by FROM bot_outbox WHERE dedup_key = @key", ("key", key));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new OutboxPostState(reader.GetString(0), SplitIds(reader.GetString(1)), (int)Long(reader.GetValue(2))) { Key = key, ReplacedBy = reader.IsDBNull(3) ? null : reader.GetString(3) }
            : null;
    }

    /// <summary>The post whose message now stands for <paramref name="key"/>: itself, or the latest that brought its deleted message back.</summary>
    public async Task<OutboxPostState?> CurrentPostAsync(string key, CancellationToken cancellationToken)
    {
        var state = await PostStateAsync(key, cancellationToken);
        for (var hops = 0; state?.ReplacedBy is { } next && hops < MaxReplacements; hops++)
        {
            state = await PostStateAsync(next, cancellationToken) ?? state;
            if (state.Key != next)
            {
                break;
            }
        }

        return state;
    }

    /// <summary>How many times a post's message is followed through replacements (a countdown deleted this often is left alone).</summary>
    private const int MaxReplacements = 1000;

    /// <summary>
    /// A change found the message of <paramref name="goneKey"/> deleted: in one transaction the post that brings it
    /// back (<paramref name="replacement"/>'s first row, with any rows that follow it) is queued, named as the gone
    /// post's replacement, and the change row <paramref name="changeKey"/> is done. False, with nothing written, when
    /// another change replaced that post first (follow it instead).
    /// </summary>
    public async Task<bool> ReplaceAsync(string changeKey, string goneKey, IReadOnlyList<OutboxRow> replacement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var named = await BotDatabase.ExecuteAsync(connection, transaction, "UPDATE bot_outbox SET replaced_by = @next WHERE dedup_key = @gone AND replaced_by IS NULL",
            cancellationToken, ("next", replacement[0].Key), ("gone", goneKey));
        if (named == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await EnqueueAsync(connection, transaction, replacement, now, cancellationToken);
        await BotDatabase.ExecuteAsync(connection, transaction, "UPDATE bot_outbox SET status = 'sent', sent_at = @now, last_error = @note WHERE dedup_key = @key",
            cancellationToken, ("now", now), ("note", "message deleted: posted again as " + replacement[0].Key), ("key", changeKey));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Message ids as stored: each followed by a space, so appending is concatenation.</summary>
    private static string JoinIds(IReadOnlyList<string> ids) => string.Concat(ids.Select(id => id + " "));

    /// <summary>The ids of a stored <c>message_ids</c>.</summary>
    internal static IReadOnlyList<string> SplitIds(string stored) => stored.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// Try again at <paramref name="nextAttempt"/>. With <paramref name="notAnAttempt"/> (the platform
    /// said "too many requests, later") the try does not count towards the maximum: a rate limit never loses a row.
    /// <paramref name="partsSent"/> messages of a long post arrived in this attempt; the next one starts after them.
    /// </summary>
    public async Task MarkRetryAsync(string key, DateTimeOffset nextAttempt, string? reason, CancellationToken cancellationToken, bool notAnAttempt = false, int partsSent = 0, IReadOnlyList<string>? messageIds = null)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await BotDatabase.ExecuteAsync(connection, null,
            "UPDATE bot_outbox SET status = 'pending', next_attempt_at = @next, last_error = @reason, parts_sent = parts_sent + @parts, message_ids = message_ids || @ids"
            + (notAnAttempt ? ", attempts = attempts - 1" : string.Empty) + " WHERE dedup_key = @key",
            cancellationToken,
            ("next", nextAttempt.ToUnixTimeMilliseconds()), ("reason", reason is { Length: > 1000 } ? reason[..1000] : reason), ("parts", (long)partsSent),
            ("ids", JoinIds(messageIds ?? [])), ("key", key));
    }

    /// <summary>The send went out without an answer: reported as "unknown whether it arrived", never resent.</summary>
    public Task MarkUncertainAsync(string key, string? reason, CancellationToken cancellationToken) =>
        UpdateAsync("UPDATE bot_outbox SET status = 'uncertain', last_error = @reason WHERE dedup_key = @key", key, null, reason, cancellationToken);

    /// <summary>Give up, keeping the platform's reason.</summary>
    public Task MarkFailedAsync(string key, string? reason, CancellationToken cancellationToken) =>
        UpdateAsync("UPDATE bot_outbox SET status = 'failed', last_error = @reason WHERE dedup_key = @key", key, null, reason, cancellationToken);

    /// <summary>
    /// Records that <paramref name="worker"/> is alive now (see <see cref="SettleInterruptedAsync(string, DateTimeOffset, CancellationToken)"/>), and
    /// forgets workers not seen for a day.
    /// </summary>
    public async Task CheckInAsync(string worker, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        await using var connection = await _database.OpenAsync(cancellationToken);
        await BotDatabase.ExecuteAsync(connection, null, """
            INSERT INTO bot_workers (worker_id, last_seen) VALUES (@worker, @now)
            ON CONFLICT (worker_id) DO UPDATE SET last_seen = excluded.last_seen
            """, cancellationToken, ("worker", worker), ("now", now.ToUnixTimeMilliseconds()));
        await BotDatabase.ExecuteAsync(connection, null, "DELETE FROM bot_workers WHERE last_seen < @old", cancellationToken,
            ("old", (now - TimeSpan.FromDays(1)).ToUnixTimeMilliseconds()));
    }

    /// <summary>
    /// Rows left in <c>sending</c> by a worker that died mid-send become <c>uncertain</c>: they were on the
    /// wire, may have arrived, and are not sent again. A worker is dead when it is not
    /// <paramref name="worker"/> and has not checked in (<see cref="CheckInAsync"/>) since
    /// <paramref name="aliveSince"/>. Returns their keys.
    /// </summary>
    public Task<IReadOnlyList<string>> SettleInterruptedAsync(string worker, DateTimeOffset aliveSince, CancellationToken cancellationToken) =>
        SettleInterruptedAsync(worker, aliveSince, new HashSet<string>(StringComparer.Ordinal), cancellationToken);

    /// <summary>
    /// As <see cref="SettleInterruptedAsync(string, DateTimeOffset, CancellationToken)"/>, except that rows of the
    /// <paramref name="repeatable"/> payload kinds (edits and deletions, which do no harm when made twice) go back
    /// to <c>pending</c> to be made again. Returns the keys of the rows marked uncertain.
    /// </summary>
    public async Task<IReadOnlyList<string>> SettleInterruptedAsync(string worker, DateTimeOffset aliveSince, IReadOnlySet<string> repeatable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repeatable);
        await using var connection = await _database.OpenAsync(cancellationToken);
        var keys = new List<string>();
        var again = new List<string>();
        await using (var command = BotDatabase.Command(connection, null, """
            SELECT dedup_key, payload_kind FROM bot_outbox
            WHERE status = 'sending' AND (claimed_by IS NULL OR (claimed_by <> @worker
              AND claimed_by NOT IN (SELECT worker_id FROM bot_workers WHERE last_seen >= @alive)))
            """,
            ("worker", worker), ("alive", aliveSince.ToUnixTimeMilliseconds())))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                (repeatable.Contains(reader.GetString(1)) ? again : keys).Add(reader.GetString(0));
            }
        }

        foreach (var key in again)
        {
            await BotDatabase.ExecuteAsync(connection, null,
                "UPDATE bot_outbox SET status = 'pending', attempts = attempts - 1, last_error = 'the process stopped during the change; made again' WHERE dedup_key = @key AND status = 'sending'",
                cancellationToken, ("key", key));
        }

        foreach (var key in keys)
        {
            await BotDatabase.ExecuteAsync(connection, null,
                "UPDATE bot_outbox SET status = 'uncertain', last_error = 'the sending process stopped during the send; not resent to avoid a duplicate' WHERE dedup_key = @key AND status = 'sending'",
                cancellationToken, ("key", key));
        }

        return keys;
    }

    /// <summary>Counts rows per status (for tests, the CLI and health checks).</summary>
    public async Task<IReadOnlyDictionary<string, int>> CountByStatusAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = BotDatabase.Command(connection, null, "SELECT status, COUNT(*) FROM bot_outbox GROUP BY status");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            result[reader.GetString(0)] = (int)Long(reader.GetValue(1));
        }

        return result;
    }

    /// <summary>
    /// How far the rows whose key starts with <paramref name="keyPrefix"/> (one broadcast, e.g.
    /// <c>announcement:42:</c>) have come: counts per status, for a moderator's /status.
    /// </summary>
    public async Task<DeliveryProgress> ProgressAsync(string keyPrefix, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyPrefix);
        await using var connection = await _database.OpenAsync(cancellationToken);
        // substr rather than LIKE: no escaping of '%' or '_', and the same in SQLite and PostgreSQL.
        await using var command = BotDatabase.Command(connection, null,
            "SELECT status, COUNT(*) FROM bot_outbox WHERE substr(dedup_key, 1, CAST(@length AS INTEGER)) = @prefix GROUP BY status",
            ("length", (long)keyPrefix.Length), ("prefix", keyPrefix));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = (int)Long(reader.GetValue(1));
        }

        return DeliveryProgress.From(counts);
    }

    /// <summary>The latest reminders of the <paramref name="events"/> events last queued, newest first (for /status).</summary>
    public async Task<IReadOnlyList<ReminderDelivery>> RecentRemindersAsync(int events, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = BotDatabase.Command(connection, null, """
            SELECT event_id, dedup_key, status, created_at FROM bot_outbox
            WHERE substr(dedup_key, 1, 9) = 'reminder:' AND event_id IN (
                SELECT event_id FROM bot_outbox WHERE substr(dedup_key, 1, 9) = 'reminder:'
                GROUP BY event_id ORDER BY MAX(created_at) DESC LIMIT @max)
            """, ("max", (long)events));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<(string Event, string Slot, string Status, long Created)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var eventId = reader.GetString(0);
            var rest = reader.GetString(1)[("reminder:" + eventId + ":").Length..];
            rows.Add((eventId, rest[..rest.IndexOf(':', StringComparison.Ordinal)], reader.GetString(2), Long(reader.GetValue(3))));
        }

        return [.. rows.GroupBy(r => (r.Event, r.Slot))
            .Select(g => new ReminderDelivery(g.Key.Event, g.Key.Slot, DateTimeOffset.FromUnixTimeMilliseconds(g.Min(r => r.Created)),
                DeliveryProgress.From(g.GroupBy(r => r.Status).ToDictionary(s => s.Key, s => s.Count(), StringComparer.Ordinal))))
            .GroupBy(d => d.EventId)
            .Select(g => g.MaxBy(d => d.QueuedAt)!)
            .OrderByDescending(d => d.QueuedAt)];
    }

    /// <summary>The rows of one broadcast (key prefix) that failed, with the platform's reason (for /status).</summary>
    public async Task<IReadOnlyList<(ChatAddress Chat, string? Reason)>> FailuresAsync(string keyPrefix, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyPrefix);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = BotDatabase.Command(connection, null,
            "SELECT platform, chat_id, chat_kind, last_error FROM bot_outbox WHERE substr(dedup_key, 1, CAST(@length AS INTEGER)) = @prefix AND status = 'failed' ORDER BY dedup_key",
            ("length", (long)keyPrefix.Length), ("prefix", keyPrefix));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<(ChatAddress, string?)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add((new ChatAddress(new PlatformId(reader.GetString(0)), reader.GetString(1), Enum.Parse<ChatKind>(reader.GetString(2))),
                reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return result;
    }

    /// <summary>The rows of one broadcast (key prefix) that failed or are uncertain, with their status and the platform's reason (for /status of one announcement).</summary>
    public async Task<IReadOnlyList<(ChatAddress Chat, string Status, string? Reason)>> ProblemsAsync(string keyPrefix, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyPrefix);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = BotDatabase.Command(connection, null,
            "SELECT platform, chat_id, chat_kind, status, last_error FROM bot_outbox WHERE substr(dedup_key, 1, CAST(@length AS INTEGER)) = @prefix AND status IN ('failed', 'uncertain') ORDER BY platform, dedup_key",
            ("length", (long)keyPrefix.Length), ("prefix", keyPrefix));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<(ChatAddress, string, string?)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add((new ChatAddress(new PlatformId(reader.GetString(0)), reader.GetString(1), Enum.Parse<ChatKind>(reader.GetString(2))),
                reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return result;
    }

    /// <summary>
    /// Sends the failed rows of one broadcast (key prefix) again, now, as if new: those to chats whose
    /// subscription is paused (gone) stay failed. Returns how many were queued again.
    /// </summary>
    public async Task<int> RetryFailedAsync(string keyPrefix, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyPrefix);
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await BotDatabase.ExecuteAsync(connection, null, """
            UPDATE bot_outbox SET status = 'pending', attempts = 0, next_attempt_at = @now
            WHERE substr(dedup_key, 1, CAST(@length AS INTEGER)) = @prefix AND status = 'failed'
              AND NOT EXISTS (SELECT 1 FROM bot_subscriptions s WHERE s.platform = bot_outbox.platform AND s.chat_id = bot_outbox.chat_id AND s.paused = 1)
            """, cancellationToken, ("now", _time.GetUtcNow().ToUnixTimeMilliseconds()), ("length", (long)keyPrefix.Length), ("prefix", keyPrefix));
    }

    /// <summary>Key, status and last error of every row (for tests and the CLI).</summary>
    public async Task<IReadOnlyList<(string Key, string Status, string? Error)>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = BotDatabase.Command(connection, null, "SELECT dedup_key, status, last_error FROM bot_outbox ORDER BY dedup_key");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<(string, string, string?)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        return result;
    }

    private async Task UpdateAsync(string sql, string key, DateTimeOffset? next, string? reason, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var parameters = new List<(string, object?)> { ("key", key), ("now", _time.GetUtcNow().ToUnixTimeMilliseconds()) };
        if (sql.Contains("@next", StringComparison.Ordinal))
        {
            parameters.Add(("next", next?.ToUnixTimeMilliseconds()));
        }

        if (sql.Contains("@reason", StringComparison.Ordinal))
        {
            parameters.Add(("reason", reason is { Length: > 1000 } ? reason[..1000] : reason));
        }

        if (!sql.Contains("@now", StringComparison.Ordinal))
        {
            parameters.RemoveAll(p => p.Item1 == "now");
        }

        await BotDatabase.ExecuteAsync(connection, null, sql, cancellationToken, [.. parameters]);
    }

    private static long Long(object value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);
}
