using System.Data.Common;
using System.Globalization;
using Bot.Core.Delivery;
using Bot.Core.Kernel;
using Bot.Core.Storage;

namespace Bot.Core.Moderation;

/// <summary>A broadcast whose moderator's message is kept up to date with its progress.</summary>
/// <param name="AnnouncementId">The announcement.</param>
/// <param name="Chat">Where the message is.</param>
/// <param name="MessageRef">The platform's reference to it.</param>
/// <param name="Language">The moderator's language.</param>
/// <param name="LastText">What the latest queued edit says; null before the first.</param>
/// <param name="CreatedAt">When the broadcast was confirmed: the edits' place in the outbox, ahead of its posts.</param>
internal sealed record BroadcastProgressTarget(long AnnouncementId, ChatAddress Chat, string MessageRef, UiLanguage Language, string? LastText, DateTimeOffset CreatedAt);

/// <summary>Where a confirm may show its broadcast's progress: the message <see cref="Commands.ButtonPress.MessageRef"/> names.</summary>
/// <param name="Chat">Where the message is.</param>
/// <param name="MessageRef">The platform's reference to it.</param>
/// <param name="Language">The moderator's language.</param>
/// <param name="MinChannels">Smaller broadcasts are not followed (<see cref="ModerationOptions.ProgressMinChannels"/>).</param>
internal sealed record BroadcastProgressRequest(ChatAddress Chat, string MessageRef, UiLanguage Language, int MinChannels);

/// <summary>The broadcasts being followed (<c>bot_broadcast_progress</c>) and the queueing of their progress edits.</summary>
internal sealed class BroadcastProgressStore
{
    private readonly BotDatabase _database;
    private readonly TimeProvider _time;

    public BroadcastProgressStore(BotDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    /// <summary>Follows announcement <paramref name="id"/>'s broadcast in the caller's transaction (the confirm's): its rows and this commit together.</summary>
    public static Task StartAsync(DbConnection connection, DbTransaction transaction, long id, ChatAddress chat, string messageRef, UiLanguage language, long nowUnixMs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        return BotDatabase.ExecuteAsync(connection, transaction, """
            INSERT INTO bot_broadcast_progress (announcement_id, platform, chat_id, chat_kind, message_ref, language, last_text, done, created_at)
            VALUES (@id, @platform, @chat, @kind, @ref, @language, NULL, 0, @now)
            ON CONFLICT (announcement_id) DO NOTHING
            """, cancellationToken,
            ("id", id), ("platform", chat.Platform.ToString()), ("chat", chat.ChatId), ("kind", chat.Kind.ToString()), ("ref", messageRef),
            ("language", language.ToString()), ("now", nowUnixMs));
    }

    /// <summary>The broadcasts whose final count is not queued yet.</summary>
    public async Task<IReadOnlyList<BroadcastProgressTarget>> ActiveAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = BotDatabase.Command(connection, null,
            "SELECT announcement_id, platform, chat_id, chat_kind, message_ref, language, last_text, created_at FROM bot_broadcast_progress WHERE done = 0 ORDER BY announcement_id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<BroadcastProgressTarget>();
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new BroadcastProgressTarget(
                Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture),
                new ChatAddress(new PlatformId(reader.GetString(1)), reader.GetString(2), Enum.Parse<ChatKind>(reader.GetString(3))),
                reader.GetString(4),
                Enum.Parse<UiLanguage>(reader.GetString(5)),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(7), CultureInfo.InvariantCulture))));
        }

        return result;
    }

    /// <summary>
    /// Queues the edit to <paramref name="text"/> (the outbox row queued again) and remembers it; with <paramref name="final"/> the
    /// broadcast is no longer followed. An edit still being sent is left alone and false returned: the next look queues it.
    /// </summary>
    public async Task<bool> QueueAsync(BroadcastProgressTarget target, string text, bool final, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var row = new OutboxRow(BroadcastProgressEdit.KeyOf(target.AnnouncementId), target.Chat, OutboxPayload.OfChange(new BroadcastProgressEdit([target.MessageRef], text)), target.CreatedAt, null, null);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await OutboxStore.RequeueAsync(connection, transaction, row, now, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await BotDatabase.ExecuteAsync(connection, transaction, "UPDATE bot_broadcast_progress SET last_text = @text, done = @done WHERE announcement_id = @id",
            cancellationToken, ("text", text), ("done", final ? 1L : 0L), ("id", target.AnnouncementId));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Stops following a broadcast whose message can no longer be edited (deleted, or the platform no longer lets the bot).</summary>
    public async Task StopAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await BotDatabase.ExecuteAsync(connection, null, "UPDATE bot_broadcast_progress SET done = 1 WHERE announcement_id = @id", cancellationToken, ("id", id));
    }
}
