using System.Globalization;
using Bot.Core.Kernel;

namespace Bot.Core.Storage;

/// <summary>A chat's live countdown: one message, the outbox post <paramref name="PostKey"/>, edited in place.</summary>
/// <param name="Chat">Where it is shown.</param>
/// <param name="Language">The language it speaks.</param>
/// <param name="PostKey">The outbox key of its message (the post that holds the platform's message id).</param>
/// <param name="CreatedAt">When it was started; edits are for moments after it.</param>
internal sealed record Countdown(ChatAddress Chat, UiLanguage Language, string PostKey, DateTimeOffset CreatedAt);

/// <summary>The chats that keep a live countdown, at most one each. Every change is also written to the audit table.</summary>
internal sealed class CountdownStore
{
    private readonly BotDatabase _database;
    private readonly TimeProvider _time;

    public CountdownStore(BotDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    /// <summary>Starts a countdown in <paramref name="chat"/>; false when it already has one (that one stays, so there is never a second message).</summary>
    public async Task<bool> AddAsync(ChatAddress chat, UiLanguage language, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var added = await BotDatabase.ExecuteAsync(connection, transaction, """
            INSERT INTO bot_countdowns (platform, chat_id, chat_kind, language, post_key, created_by, created_at)
            VALUES (@platform, @chat, @kind, @language, @key, @actor, @now)
            ON CONFLICT (platform, chat_id) DO NOTHING
            """, cancellationToken,
            ("platform", chat.Platform.ToString()), ("chat", chat.ChatId), ("kind", chat.Kind.ToString()), ("language", language.ToString()),
            ("key", string.Create(CultureInfo.InvariantCulture, $"countdown:{chat.Platform}:{chat.ChatId}:{now}")), ("actor", actor), ("now", now));
        if (added > 0)
        {
            await AuditLog.WriteAsync(connection, transaction, now, actor, "countdown.start", chat.ToString(), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return added > 0;
    }

    /// <summary>Stops the countdown of <paramref name="chat"/> (its message stays as it last read); false when it had none.</summary>
    public async Task<bool> RemoveAsync(ChatAddress chat, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var removed = await BotDatabase.ExecuteAsync(connection, transaction, "DELETE FROM bot_countdowns WHERE platform = @platform AND chat_id = @chat", cancellationToken,
            ("platform", chat.Platform.ToString()), ("chat", chat.ChatId));
        if (removed > 0)
        {
            await AuditLog.WriteAsync(connection, transaction, now, actor, "countdown.stop", chat.ToString(), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return removed > 0;
    }

    /// <summary>Every chat's countdown.</summary>
    public async Task<IReadOnlyList<Countdown>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = BotDatabase.Command(connection, null, "SELECT platform, chat_id, chat_kind, language, post_key, created_at FROM bot_countdowns ORDER BY platform, chat_id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<Countdown>();
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new Countdown(
                new ChatAddress(new PlatformId(reader.GetString(0)), reader.GetString(1), Enum.Parse<ChatKind>(reader.GetString(2))),
                Enum.Parse<UiLanguage>(reader.GetString(3)),
                reader.GetString(4),
                DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(5), CultureInfo.InvariantCulture))));
        }

        return result;
    }
}
