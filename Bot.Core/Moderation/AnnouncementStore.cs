using System.Data.Common;
using System.Globalization;
using Bot.Core.Delivery;
using Bot.Core.Kernel;
using Bot.Core.Replies;
using Bot.Core.Storage;

namespace Bot.Core.Moderation;

/// <summary>
/// Announcements in the database, so a restart loses no preview or schedule. Confirming is one transaction: a
/// conditional UPDATE (<c>status = 'pending' AND created_by = @user</c>) that only the author's first confirm
/// can win, the outbox rows (key <c>announcement:{id}:{platform}:{chat}</c>, so even a replay queues each
/// channel once) and the audit entry commit together. A scheduled announcement is only marked confirmed when it
/// is confirmed (its Quartz trigger is set by <see cref="AnnounceHandler"/>); <see cref="ReleaseAsync"/>, run by
/// <see cref="AnnouncementJob"/> at its moment, queues it for the channels subscribed then. Cancelling marks the
/// announcement and any rows still pending <c>cancelled</c>.
/// </summary>
internal sealed class AnnouncementStore
{
    private const string Columns = "id, created_by, created_by_name, origin, markdown, mass_mention, due_at, status, channels, image_id";
    private readonly BotDatabase _database;
    private readonly SubscriptionStore _subscriptions;
    private readonly TimeProvider _time;

    public AnnouncementStore(BotDatabase database, SubscriptionStore subscriptions, TimeProvider time)
    {
        _database = database;
        _subscriptions = subscriptions;
        _time = time;
    }

    /// <summary>The outbox key prefix of one announcement.</summary>
    public static string KeyPrefix(long id) => "announcement:" + id.ToString(CultureInfo.InvariantCulture) + ":";

    /// <summary>Stores a new preview and returns its id.</summary>
    public Task<long> CreateAsync(string createdBy, string createdByName, ChatAddress origin, string markdown, MassMention mention, DateTimeOffset? dueAt, CancellationToken cancellationToken) =>
        CreateAsync(createdBy, createdByName, origin, markdown, mention, dueAt, null, cancellationToken);

    /// <summary>Stores a new preview with the stored image <paramref name="imageId"/> (null: none) and returns its id.</summary>
    public async Task<long> CreateAsync(string createdBy, string createdByName, ChatAddress origin, string markdown, MassMention mention, DateTimeOffset? dueAt, long? imageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(origin);
        var now = Now();
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = Convert.ToInt64(await BotDatabase.ScalarAsync(connection, transaction, """
            INSERT INTO bot_announcements (created_by, created_by_name, origin, markdown, mass_mention, due_at, status, channels, created_at, image_id)
            VALUES (@by, @name, @origin, @markdown, @mention, @due, 'pending', 0, @now, @image) RETURNING id
            """, cancellationToken,
            ("by", createdBy), ("name", createdByName), ("origin", origin.ToString()), ("markdown", markdown), ("mention", mention.ToString()),
            ("due", dueAt?.ToUnixTimeMilliseconds()), ("now", now), ("image", imageId)), CultureInfo.InvariantCulture);
        await AuditLog.WriteAsync(connection, transaction, now, createdBy, "announcement.preview",
            $"#{id} in {origin}" + (dueAt is { } d ? $" for {d:O}" : string.Empty) + (imageId is { } image ? $" with image {image}" : string.Empty), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    /// <summary>One announcement, or null.</summary>
    public async Task<Announcement?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var found = await QueryAsync(connection, null, "WHERE id = @id", cancellationToken, ("id", id));
        return found.Count == 0 ? null : found[0];
    }

    /// <summary>Confirmed announcements still to go out, soonest first.</summary>
    public async Task<IReadOnlyList<Announcement>> ScheduledAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await QueryAsync(connection, null, "WHERE status = 'confirmed' AND due_at IS NOT NULL AND due_at > @now ORDER BY due_at, id", cancellationToken, ("now", Now()));
    }

    /// <summary>The most recently confirmed announcements (retracted ones too), newest first.</summary>
    public async Task<IReadOnlyList<Announcement>> RecentConfirmedAsync(int max, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await QueryAsync(connection, null, "WHERE status IN ('confirmed', 'retracted') ORDER BY decided_at DESC, id DESC LIMIT @max", cancellationToken, ("max", (long)max));
    }

    /// <summary>One announcement inside the caller's transaction, or null.</summary>
    internal static async Task<Announcement?> FindAsync(DbConnection connection, DbTransaction transaction, long id, CancellationToken cancellationToken)
    {
        var found = await QueryAsync(connection, transaction, "WHERE id = @id", cancellationToken, ("id", id));
        return found.Count == 0 ? null : found[0];
    }

    /// <summary>
    /// Confirms the preview <paramref name="id"/> for its author <paramref name="user"/>. Only the first confirm by
    /// the author does anything. Without a future moment it queues one outbox row per subscribed channel (not
    /// paused) on every platform at once; with one it queues nothing yet (and
    /// the channel count is today's estimate): <see cref="ReleaseAsync"/> does that at the moment, which is returned
    /// as <c>ScheduledFor</c> so the caller sets the trigger.
    /// </summary>
    public Task<(AnnouncementDecision Decision, int Channels, DateTimeOffset? ScheduledFor)> ConfirmAsync(long id, string user, CancellationToken cancellationToken) =>
        ConfirmAsync(id, user, null, cancellationToken);

    /// <summary>
    /// As <see cref="ConfirmAsync(long, string, CancellationToken)"/>; an immediate broadcast to at least
    /// <see cref="BroadcastProgressRequest.MinChannels"/> channels also has <paramref name="progress"/>'s message followed
    /// with its progress (<see cref="BroadcastProgressTicker"/>), in the same transaction.
    /// </summary>
    public async Task<(AnnouncementDecision Decision, int Channels, DateTimeOffset? ScheduledFor)> ConfirmAsync(long id, string user, BroadcastProgressRequest? progress, CancellationToken cancellationToken)
    {
        var targets = (await _subscriptions.ListAsync(cancellationToken)).Where(s => !s.Paused).Select(s => s.Chat).ToList();
        var now = Now();
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var won = await BotDatabase.ExecuteAsync(connection, transaction,
            "UPDATE bot_announcements SET status = 'confirmed', decided_at = @now, channels = @channels WHERE id = @id AND created_by = @user AND status = 'pending'",
            cancellationToken, ("now", now), ("channels", (long)targets.Count), ("id", id), ("user", user));
        if (won != 1)
        {
            var decision = Explain(await QueryAsync(connection, transaction, "WHERE id = @id", cancellationToken, ("id", id)), user);
            await transaction.RollbackAsync(cancellationToken);
            return (decision, 0, null);
        }

        var announcement = (await QueryAsync(connection, transaction, "WHERE id = @id", cancellationToken, ("id", id)))[0];
        if (IsFuture(announcement, now))
        {
            await AuditLog.WriteAsync(connection, transaction, now, user, "announcement.schedule",
                $"#{id} from {announcement.Origin} at {announcement.DueAt!.Value:O} (now {targets.Count} channels ({PerPlatform(targets)}))" + MentionNote(announcement),
                cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return (AnnouncementDecision.Done, targets.Count, announcement.DueAt);
        }

        await QueueAsync(connection, transaction, announcement, targets, now, user, cancellationToken);
        if (progress is { } follow && targets.Count >= follow.MinChannels)
        {
            await BroadcastProgressStore.StartAsync(connection, transaction, id, follow.Chat, follow.MessageRef, follow.Language, now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return (AnnouncementDecision.Done, targets.Count, null);
    }

    /// <summary>Whether <paramref name="announcement"/> waits for its moment (a Quartz trigger) rather than going out at once.</summary>
    private static bool IsFuture(Announcement announcement, long nowUnixMs)
    {
        ArgumentNullException.ThrowIfNull(announcement);
        return announcement.DueAt is { } at && at.ToUnixTimeMilliseconds() > nowUnixMs;
    }

    /// <summary>
    /// The moment of the scheduled announcement <paramref name="id"/> came: queues one outbox row per channel
    /// subscribed (not paused) right now, with the same keys as an immediate confirm, and writes the audit entry.
    /// Does nothing unless it is confirmed; running twice queues nothing more (and writes no second entry).
    /// Returns the number of rows queued now, or null when the announcement is not (or no longer) confirmed.
    /// </summary>
    public async Task<int?> ReleaseAsync(long id, string actor, CancellationToken cancellationToken)
    {
        var targets = (await _subscriptions.ListAsync(cancellationToken)).Where(s => !s.Paused).Select(s => s.Chat).ToList();
        var now = Now();
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // A no-op UPDATE first: it locks the row (PostgreSQL), so an edit or retraction confirmed meanwhile comes wholly before or after.
        await BotDatabase.ExecuteAsync(connection, transaction, "UPDATE bot_announcements SET channels = channels WHERE id = @id", cancellationToken, ("id", id));
        var found = await QueryAsync(connection, transaction, "WHERE id = @id AND status = 'confirmed'", cancellationToken, ("id", id));
        if (found.Count == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return null;
        }

        var added = await QueueAsync(connection, transaction, found[0], targets, now, actor, cancellationToken);
        if (added > 0)
        {
            await BotDatabase.ExecuteAsync(connection, transaction, "UPDATE bot_announcements SET channels = @channels WHERE id = @id",
                cancellationToken, ("channels", (long)targets.Count), ("id", id));
        }

        await transaction.CommitAsync(cancellationToken);
        return added;
    }

    /// <summary>The outbox rows (due now) and, when any row is new, the <c>announcement.send</c> audit entry.</summary>
    private static async Task<int> QueueAsync(DbConnection connection, DbTransaction transaction, Announcement announcement, List<ChatAddress> targets, long now, string actor, CancellationToken cancellationToken)
    {
        var message = OutboxPayload.Of(new AnnouncementPost(announcement.Markdown, announcement.MassMention, await ImageOfAsync(connection, transaction, announcement, cancellationToken)));
        var due = DateTimeOffset.FromUnixTimeMilliseconds(now);
        var rows = targets.Select(chat => new OutboxRow(KeyPrefix(announcement.Id) + chat.Platform + ":" + chat.ChatId, chat, message, due, null, null));
        var added = await OutboxStore.EnqueueAsync(connection, transaction, rows, now, cancellationToken);
        if (added > 0 || targets.Count == 0)
        {
            await AuditLog.WriteAsync(connection, transaction, now, actor, "announcement.send",
                $"#{announcement.Id} from {announcement.Origin} to {targets.Count} channels ({PerPlatform(targets)})"
                + (added < targets.Count ? $", {added} new" : string.Empty)
                + (announcement.DueAt is { } d ? $" scheduled for {d:O}" : string.Empty) + MentionNote(announcement),
                cancellationToken);
        }

        return added;
    }

    /// <summary>The reference to the announcement's stored image that its posts carry; null without one.</summary>
    internal static async Task<ReplyImage?> ImageOfAsync(DbConnection connection, DbTransaction transaction, Announcement announcement, CancellationToken cancellationToken)
    {
        if (announcement.ImageId is not { } id)
        {
            return null;
        }

        var type = await BotDatabase.ScalarAsync(connection, transaction, "SELECT content_type FROM bot_images WHERE id = @id", cancellationToken, ("id", id)) as string
            ?? throw new InvalidOperationException($"announcement #{announcement.Id} names image {id}, which is not stored");
        return new ReplyImage(id, type, "afbeelding." + type["image/".Length..].Replace("jpeg", "jpg", StringComparison.Ordinal));
    }

    private static string PerPlatform(List<ChatAddress> targets) =>
        string.Join(", ", targets.GroupBy(t => t.Platform).OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Name, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}"));

    private static string MentionNote(Announcement announcement) =>
        announcement.MassMention == MassMention.None ? string.Empty : $" with @{announcement.MassMention.ToString().ToLowerInvariant()}";

    /// <summary>
    /// Cancels a preview (only its author, once) or a scheduled announcement that has not gone out
    /// (any moderator: <paramref name="anyModerator"/>); the rows still pending are marked <c>cancelled</c>.
    /// </summary>
    public async Task<AnnouncementDecision> CancelAsync(long id, string user, bool anyModerator, CancellationToken cancellationToken)
    {
        var now = Now();
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var won = await BotDatabase.ExecuteAsync(connection, transaction, """
            UPDATE bot_announcements SET status = 'cancelled', decided_at = @now
            WHERE id = @id AND ((status = 'pending' AND created_by = @user)
                OR (@any = 1 AND status = 'confirmed' AND due_at IS NOT NULL AND due_at > @now))
            """, cancellationToken, ("now", now), ("id", id), ("user", user), ("any", anyModerator ? 1L : 0L));
        if (won != 1)
        {
            var decision = Explain(await QueryAsync(connection, transaction, "WHERE id = @id", cancellationToken, ("id", id)), user);
            await transaction.RollbackAsync(cancellationToken);
            return decision == AnnouncementDecision.AlreadyConfirmed ? AnnouncementDecision.AlreadySent : decision;
        }

        var withdrawn = await BotDatabase.ExecuteAsync(connection, transaction,
            "UPDATE bot_outbox SET status = 'cancelled', last_error = 'cancelled by a moderator' WHERE dedup_key LIKE @prefix AND status = 'pending'",
            cancellationToken, ("prefix", KeyPrefix(id) + "%"));
        await AuditLog.WriteAsync(connection, transaction, now, user, "announcement.cancel", $"#{id}" + (withdrawn > 0 ? $", {withdrawn} queued posts withdrawn" : string.Empty), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return AnnouncementDecision.Done;
    }

    /// <summary>Outbox rows of one announcement per status (<c>sent</c>, <c>pending</c>, <c>failed</c>, …).</summary>
    public async Task<IReadOnlyDictionary<string, int>> ProgressAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = BotDatabase.Command(connection, null,
            "SELECT status, COUNT(*) FROM bot_outbox WHERE dedup_key LIKE @prefix GROUP BY status", ("prefix", KeyPrefix(id) + "%"));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            result[reader.GetString(0)] = Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture);
        }

        return result;
    }

    /// <summary>The last <paramref name="max"/> audit entries, newest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> RecentAuditAsync(int max, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = BotDatabase.Command(connection, null,
            "SELECT at, actor, action, detail FROM bot_audit ORDER BY id DESC LIMIT @max", ("max", (long)max));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<AuditEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new AuditEntry(
                DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture)),
                reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return result;
    }

    private static AnnouncementDecision Explain(IReadOnlyList<Announcement> found, string user)
    {
        if (found.Count == 0)
        {
            return AnnouncementDecision.NotFound;
        }

        var announcement = found[0];
        return announcement.Status switch
        {
            "confirmed" => AnnouncementDecision.AlreadyConfirmed,
            "cancelled" => AnnouncementDecision.AlreadyCancelled,
            "retracted" => AnnouncementDecision.Retracted,
            _ when announcement.CreatedBy != user => AnnouncementDecision.NotYours,
            _ => AnnouncementDecision.NotFound,
        };
    }

    private static async Task<IReadOnlyList<Announcement>> QueryAsync(DbConnection connection, DbTransaction? transaction, string where, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var command = BotDatabase.Command(connection, transaction, $"SELECT {Columns} FROM bot_announcements " + where, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<Announcement>();
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new Announcement(
                Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                Enum.Parse<MassMention>(reader.GetString(5)),
                reader.IsDBNull(6) ? null : DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(6), CultureInfo.InvariantCulture)),
                reader.GetString(7),
                Convert.ToInt32(reader.GetValue(8), CultureInfo.InvariantCulture),
                reader.IsDBNull(9) ? null : Convert.ToInt64(reader.GetValue(9), CultureInfo.InvariantCulture)));
        }

        return result;
    }

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();
}
