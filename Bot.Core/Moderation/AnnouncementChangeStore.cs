using System.Data.Common;
using System.Globalization;
using Bot.Core.Delivery;
using Bot.Core.Kernel;
using Bot.Core.Storage;

namespace Bot.Core.Moderation;

/// <summary>
/// Moderators' edits and retractions of announcements. A change is previewed (stored <c>pending</c>) and confirmed
/// by whoever asked for it, once: one transaction changes the announcement itself (its text, or its status
/// <c>retracted</c>), gives the channels' posts that have not gone yet the new text (or withdraws them), queues one
/// change row per channel whose post went or is on its way (key <c>announcement-edit:{change}:{platform}:{chat}</c>,
/// waiting for that post: <see cref="OutboxRow.AfterKey"/>) and writes the audit entry. A scheduled announcement
/// that has not gone out only changes its text (or is withdrawn).
/// </summary>
internal sealed class AnnouncementChangeStore
{
    private const string Columns = "id, announcement_id, kind, markdown, created_by, status, channels";
    private static readonly string[] Settled = [OutboxStatus.Failed, OutboxStatus.Cancelled, OutboxStatus.Expired];
    private readonly BotDatabase _database;
    private readonly TimeProvider _time;

    public AnnouncementChangeStore(BotDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    /// <summary>
    /// Stores the preview of a change to announcement <paramref name="announcementId"/> and returns its id with the
    /// announcement, or the reason it cannot change (unknown, a preview, cancelled, retracted).
    /// </summary>
    public async Task<(AnnouncementDecision Decision, long ChangeId, Announcement? Announcement, int Posts)> CreateAsync(long announcementId, string kind, string? markdown, string createdBy, ChatAddress origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(origin);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var announcement = await AnnouncementStore.FindAsync(connection, transaction, announcementId, cancellationToken);
        var refusal = Refusal(announcement);
        if (refusal is { } refused)
        {
            await transaction.RollbackAsync(cancellationToken);
            return (refused, 0, announcement, 0);
        }

        var id = Convert.ToInt64(await BotDatabase.ScalarAsync(connection, transaction, """
            INSERT INTO bot_announcement_changes (announcement_id, kind, markdown, created_by, origin, status, channels, created_at)
            VALUES (@announcement, @kind, @markdown, @by, @origin, 'pending', 0, @now) RETURNING id
            """, cancellationToken,
            ("announcement", announcementId), ("kind", kind), ("markdown", markdown), ("by", createdBy), ("origin", origin.ToString()), ("now", now)), CultureInfo.InvariantCulture);
        var posts = (await PostsAsync(connection, transaction, announcementId, cancellationToken)).Count(p => !Settled.Contains(p.Status));
        await transaction.CommitAsync(cancellationToken);
        return (AnnouncementDecision.Done, id, announcement, posts);
    }

    /// <summary>
    /// Confirms change <paramref name="changeId"/> for the moderator who asked for it (only the first confirm does
    /// anything) and queues what it takes. Returns what happened; with <see cref="ChangeOutcome.Unscheduled"/> the
    /// caller removes the scheduled announcement's trigger.
    /// </summary>
    public async Task<(AnnouncementDecision Decision, ChangeOutcome? Outcome)> ConfirmAsync(long changeId, string user, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var won = await BotDatabase.ExecuteAsync(connection, transaction,
            "UPDATE bot_announcement_changes SET status = 'confirmed', decided_at = @now WHERE id = @id AND created_by = @user AND status = 'pending'",
            cancellationToken, ("now", now), ("id", changeId), ("user", user));
        var change = await FindAsync(connection, transaction, changeId, cancellationToken);
        if (won != 1 || change is null)
        {
            await transaction.RollbackAsync(cancellationToken);
            return (Explain(change, user), null);
        }

        // Changing the announcement row first locks it (PostgreSQL): a scheduled release comes wholly before or after.
        var edit = change.Kind == AnnouncementChange.Edit;
        var changed = await BotDatabase.ExecuteAsync(connection, transaction,
            edit ? "UPDATE bot_announcements SET markdown = @markdown WHERE id = @id AND status = 'confirmed'"
                 : "UPDATE bot_announcements SET status = 'retracted' WHERE id = @id AND status = 'confirmed'",
            cancellationToken, edit ? [("markdown", change.Markdown), ("id", change.AnnouncementId)] : [("id", change.AnnouncementId)]);
        var announcement = await AnnouncementStore.FindAsync(connection, transaction, change.AnnouncementId, cancellationToken);
        if (changed != 1 || announcement is null)
        {
            await transaction.RollbackAsync(cancellationToken);
            return (Refusal(announcement) ?? AnnouncementDecision.NotFound, null);
        }

        var posts = await PostsAsync(connection, transaction, change.AnnouncementId, cancellationToken);
        // The image stays: a post not yet sent goes with it, and an edit changes the text beside it (a photo's caption).
        var image = edit ? await AnnouncementStore.ImageOfAsync(connection, transaction, announcement, cancellationToken) : null;
        var newPost = edit ? OutboxPayload.Of(new AnnouncementPost(change.Markdown!, announcement.MassMention, image)) : null;
        var rewritten = 0;
        var rows = new List<OutboxRow>();
        var due = DateTimeOffset.FromUnixTimeMilliseconds(now);
        foreach (var post in posts.Where(p => !Settled.Contains(p.Status)))
        {
            if (post.Status == OutboxStatus.Pending && post.PartsSent == 0 && await RewriteAsync(connection, transaction, post.Key, newPost, cancellationToken))
            {
                // Not claimed yet: it goes out with the new text, or not at all.
                rewritten++;
                continue;
            }

            var payload = edit
                ? OutboxPayload.OfChange(new AnnouncementEdit(post.Key, change.Markdown!, announcement.MassMention, image))
                : OutboxPayload.OfChange(new AnnouncementRetraction(post.Key));
            rows.Add(new OutboxRow(change.KeyPrefix + post.Chat.Platform + ":" + post.Chat.ChatId, post.Chat, payload, due, null, null) { AfterKey = post.Key });
        }

        if (newPost is not null)
        {
            // A failed post sent again later (/status) goes out as the announcement reads by then.
            await BotDatabase.ExecuteAsync(connection, transaction,
                "UPDATE bot_outbox SET payload = @payload WHERE substr(dedup_key, 1, CAST(@length AS INTEGER)) = @prefix AND status = 'failed'",
                cancellationToken, ("payload", newPost.Json), ("length", (long)AnnouncementStore.KeyPrefix(announcement.Id).Length), ("prefix", AnnouncementStore.KeyPrefix(announcement.Id)));
        }

        await OutboxStore.EnqueueAsync(connection, transaction, rows, now, cancellationToken);
        await BotDatabase.ExecuteAsync(connection, transaction, "UPDATE bot_announcement_changes SET channels = @channels WHERE id = @id",
            cancellationToken, ("channels", (long)rows.Count), ("id", changeId));
        var scheduled = posts.Count == 0 && announcement.DueAt is { } at && at.ToUnixTimeMilliseconds() > now;
        var detail = $"#{announcement.Id} (change #{changeId}): {rows.Count} posts to {(edit ? "edit" : "delete")} ({PerPlatform(rows)})"
            + (rewritten > 0 ? $", {rewritten} not yet sent {(edit ? "given the new text" : "withdrawn")}" : string.Empty)
            + (scheduled ? ", scheduled and not yet sent" : string.Empty);
        await AuditLog.WriteAsync(connection, transaction, now, user, edit ? "announcement.edit" : "announcement.retract", detail, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (AnnouncementDecision.Done, new ChangeOutcome(change, rows.Count, rewritten, scheduled, !edit && scheduled));
    }

    /// <summary>Cancels the preview of a change (only whoever asked for it, once).</summary>
    public async Task<AnnouncementDecision> CancelAsync(long changeId, string user, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var won = await BotDatabase.ExecuteAsync(connection, transaction,
            "UPDATE bot_announcement_changes SET status = 'cancelled', decided_at = @now WHERE id = @id AND created_by = @user AND status = 'pending'",
            cancellationToken, ("now", now), ("id", changeId), ("user", user));
        var change = await FindAsync(connection, transaction, changeId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return won == 1 ? AnnouncementDecision.Done : Explain(change, user);
    }

    /// <summary>The confirmed changes of an announcement, oldest first.</summary>
    public async Task<IReadOnlyList<AnnouncementChange>> ConfirmedOfAsync(long announcementId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await QueryAsync(connection, null, "WHERE announcement_id = @id AND status = 'confirmed' ORDER BY id", cancellationToken, ("id", announcementId));
    }

    /// <summary>Why an announcement cannot be changed, or null when it can (confirmed).</summary>
    private static AnnouncementDecision? Refusal(Announcement? announcement) => announcement?.Status switch
    {
        null => AnnouncementDecision.NotFound,
        "confirmed" => null,
        "cancelled" => AnnouncementDecision.AlreadyCancelled,
        "retracted" => AnnouncementDecision.Retracted,
        _ => AnnouncementDecision.NotConfirmed,
    };

    private static AnnouncementDecision Explain(AnnouncementChange? change, string user) => change switch
    {
        null => AnnouncementDecision.NotFound,
        { Status: "confirmed" } => AnnouncementDecision.AlreadyConfirmed,
        { Status: "cancelled" } => AnnouncementDecision.AlreadyCancelled,
        _ when change.CreatedBy != user => AnnouncementDecision.NotYours,
        _ => AnnouncementDecision.NotFound,
    };

    /// <summary>Gives a post that no worker claimed yet the new text, or withdraws it; false when a worker was first.</summary>
    private static async Task<bool> RewriteAsync(DbConnection connection, DbTransaction transaction, string key, OutboxPayload? newPost, CancellationToken cancellationToken) =>
        await BotDatabase.ExecuteAsync(connection, transaction,
            newPost is null
                ? "UPDATE bot_outbox SET status = 'cancelled', last_error = 'retracted by a moderator before it was sent' WHERE dedup_key = @key AND status = 'pending' AND parts_sent = 0"
                : "UPDATE bot_outbox SET payload = @payload WHERE dedup_key = @key AND status = 'pending' AND parts_sent = 0",
            cancellationToken, newPost is null ? [("key", key)] : [("payload", newPost.Json), ("key", key)]) == 1;

    private static async Task<List<(string Key, ChatAddress Chat, string Status, int PartsSent)>> PostsAsync(DbConnection connection, DbTransaction transaction, long announcementId, CancellationToken cancellationToken)
    {
        var prefix = AnnouncementStore.KeyPrefix(announcementId);
        await using var command = BotDatabase.Command(connection, transaction,
            "SELECT dedup_key, platform, chat_id, chat_kind, status, parts_sent FROM bot_outbox WHERE substr(dedup_key, 1, CAST(@length AS INTEGER)) = @prefix ORDER BY dedup_key",
            ("length", (long)prefix.Length), ("prefix", prefix));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var posts = new List<(string, ChatAddress, string, int)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            posts.Add((reader.GetString(0), new ChatAddress(new PlatformId(reader.GetString(1)), reader.GetString(2), Enum.Parse<ChatKind>(reader.GetString(3))),
                reader.GetString(4), Convert.ToInt32(reader.GetValue(5), CultureInfo.InvariantCulture)));
        }

        return posts;
    }

    private static string PerPlatform(List<OutboxRow> rows) =>
        string.Join(", ", rows.GroupBy(r => r.Chat.Platform).OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Name, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}"));

    private static async Task<AnnouncementChange?> FindAsync(DbConnection connection, DbTransaction transaction, long id, CancellationToken cancellationToken)
    {
        var found = await QueryAsync(connection, transaction, "WHERE id = @id", cancellationToken, ("id", id));
        return found.Count == 0 ? null : found[0];
    }

    private static async Task<IReadOnlyList<AnnouncementChange>> QueryAsync(DbConnection connection, DbTransaction? transaction, string where, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var command = BotDatabase.Command(connection, transaction, $"SELECT {Columns} FROM bot_announcement_changes " + where, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<AnnouncementChange>();
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new AnnouncementChange(
                Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture),
                Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5),
                Convert.ToInt32(reader.GetValue(6), CultureInfo.InvariantCulture)));
        }

        return result;
    }
}

/// <summary>What a confirmed change queued.</summary>
/// <param name="Change">The change.</param>
/// <param name="Queued">Channel posts to edit or delete (they went, or are on their way).</param>
/// <param name="Rewritten">Channel posts not sent yet that got the new text (or were withdrawn).</param>
/// <param name="Scheduled">The announcement waits for its moment: only its text changed (or it was withdrawn).</param>
/// <param name="Unscheduled">A scheduled announcement was retracted: its trigger is to be removed.</param>
internal sealed record ChangeOutcome(AnnouncementChange Change, int Queued, int Rewritten, bool Scheduled, bool Unscheduled);
