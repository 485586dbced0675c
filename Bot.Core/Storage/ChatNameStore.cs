using Bot.Core.Kernel;

namespace Bot.Core.Storage;

/// <summary>The names of chats as the platforms last told them (<c>bot_chat_names</c>), for reports that name a chat that has gone since.</summary>
internal sealed class ChatNameStore
{
    private readonly BotDatabase _database;
    private readonly TimeProvider _time;

    public ChatNameStore(BotDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    /// <summary>The name last stored for <paramref name="chat"/>, or null.</summary>
    public async Task<string?> GetAsync(ChatAddress chat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await BotDatabase.ScalarAsync(connection, null, "SELECT name FROM bot_chat_names WHERE platform = @platform AND chat_id = @chat", cancellationToken,
            ("platform", chat.Platform.Name), ("chat", chat.ChatId)) as string;
    }

    /// <summary>Stores (or replaces) the name of <paramref name="chat"/>.</summary>
    public async Task SetAsync(ChatAddress chat, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentNullException.ThrowIfNull(name);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await BotDatabase.ExecuteAsync(connection, null, """
            INSERT INTO bot_chat_names (platform, chat_id, name, updated_at) VALUES (@platform, @chat, @name, @now)
            ON CONFLICT (platform, chat_id) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at
            """, cancellationToken,
            ("platform", chat.Platform.Name), ("chat", chat.ChatId), ("name", name.Length > 200 ? name[..200] : name), ("now", _time.GetUtcNow().ToUnixTimeMilliseconds()));
    }
}
