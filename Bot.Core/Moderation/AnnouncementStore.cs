using System.Data.Common;
using System.Globalization;
using Bot.Core.Commands;
using Bot.Core.Delivery;
using Bot.Core.Storage;

namespace Bot.Core.Moderation;

/// <summary>
/// Announcements in the database, so a restart loses no preview or schedule. Confirming is one transaction: a
/// conditional UPDATE (<c>status = 'pending' AND created_by = @user</c>) that only the author's first confirm
/// can win, the outbox rows (key <c>announcement:{id}:{platform}:{chat}</c>, so even a replay queues each
/// channel once) and the audit entry commit together. A scheduled announcement is a set of outbox rows due at
/// its moment; cancelling it marks the rows that are still pending <c>cancelled</c>.
/// </summary>
internal sealed class AnnouncementStore
{
    private const string Columns = "id, created_by, created_by_name, origin, markdown, mass_mention, due_at, status, channels";
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
    public async Task<long> CreateAsync(string createdBy, string createdByName, ChatAddress origin, string markdown, MassMention mention, DateTimeOffset? dueAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(origin);
        var now = Now();
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = Convert.ToInt64(await BotDatabase.ScalarAsync(connection, transaction, """
            INSERT INTO bot_announcements (created_by, created_by_name, origin, markdown, mass_mention, due_at, status, channels, created_at)
            VALUES (@by, @name, @origin, @markdown, @mention, @due, 'pending', 0, @now) RETURNING id
            """, cancellationToken,
            ("by", createdBy), ("name", createdByName), ("origin", origin.ToString()), ("markdown", markdown), ("mention", mention.ToString()),
            ("due", dueAt?.ToUnixTimeMilliseconds()), ("now", now)), CultureInfo.InvariantCulture);
        await AuditLog.WriteAsync(connection, transaction, now, createdBy, "announcement.preview", $"#{id} in {origin}" + (dueAt is { } d ? $" for {d:O}" : string.Empty), cancellationToken);
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

    /// <summary>The most recently confirmed announcements, newest first.</summary>
    public async Task<IReadOnlyList<Announcement>> RecentConfirmedAsync(int max, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await QueryAsync(connection, null, "WHERE status = 'confirmed' ORDER BY decided_at DESC, id DESC LIMIT @max", cancellationToken, ("max", (long)max));
    }

    /// <summary>
    /// Confirms the preview <paramref name="id"/> for its author <paramref name="user"/>: queues one outbox row per
    /// subscribed channel (not paused) on every platform. Only the first confirm by the author does anything.
    /// </summary>
    public async Task<(AnnouncementDecision Decision, int Channels)> ConfirmAsync(long id, string user, CancellationToken cancellationToken)
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
            return (decision, 0);
        }

        var announcement = (await QueryAsync(connection, transaction, "WHERE id = @id", cancellationToken, ("id", id)))[0];
        var message = new OutboxMessage([], Markdown: announcement.Markdown, MassMention: announcement.MassMention);
        var due = announcement.DueAt is { } at && at.ToUnixTimeMilliseconds() > now ? at : DateTimeOffset.FromUnixTimeMilliseconds(now);
        var rows = targets.Select(chat => new OutboxRow(KeyPrefix(id) + chat.Platform + ":" + chat.ChatId, chat, message, due, null, null));
        await OutboxStore.EnqueueAsync(connection, transaction, rows, now, cancellationToken);
        var perPlatform = string.Join(", ", targets.GroupBy(t => t.Platform).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}"));
        await AuditLog.WriteAsync(connection, transaction, now, user, announcement.DueAt is null ? "announcement.send" : "announcement.schedule",
            $"#{id} from {announcement.Origin} to {targets.Count} channels ({perPlatform})" + (announcement.DueAt is { } d ? $" at {d:O}" : string.Empty)
            + (announcement.MassMention == MassMention.None ? string.Empty : $" with @{announcement.MassMention.ToString().ToLowerInvariant()}"),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (AnnouncementDecision.Done, targets.Count);
    }

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
                Convert.ToInt32(reader.GetValue(8), CultureInfo.InvariantCulture)));
        }

        return result;
    }

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();
}
