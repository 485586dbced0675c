using System.Globalization;
using Bot.Core.Kernel;

namespace Bot.Core.Storage;

/// <summary>Subscriptions in the database. Every change is also written to the audit table.</summary>
internal sealed class SubscriptionStore
{
    private readonly BotDatabase _database;
    private readonly TimeProvider _time;

    public SubscriptionStore(BotDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    /// <summary>Subscribes a chat, or changes its topics and language (and resumes it).</summary>
    public async Task UpsertAsync(Subscription subscription, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await BotDatabase.ExecuteAsync(connection, transaction, """
            INSERT INTO bot_subscriptions (platform, chat_id, chat_kind, topics, language, paused, paused_reason, created_by, created_at)
            VALUES (@platform, @chat, @kind, @topics, @language, 0, NULL, @actor, @now)
            ON CONFLICT (platform, chat_id) DO UPDATE SET topics = excluded.topics, language = excluded.language, chat_kind = excluded.chat_kind, paused = 0, paused_reason = NULL
            """, cancellationToken,
            ("platform", subscription.Chat.Platform.ToString()), ("chat", subscription.Chat.ChatId), ("kind", subscription.Chat.Kind.ToString()),
            ("topics", (long)subscription.Topics), ("language", subscription.Language.ToString()), ("actor", actor), ("now", now));
        await AuditLog.WriteAsync(connection, transaction, now, actor, "subscribe", $"{subscription.Chat} {subscription.Topics} {subscription.Language}", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Removes a chat's subscription; false when it had none.</summary>
    public async Task<bool> RemoveAsync(ChatAddress chat, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var removed = await BotDatabase.ExecuteAsync(connection, transaction, "DELETE FROM bot_subscriptions WHERE platform = @platform AND chat_id = @chat", cancellationToken,
            ("platform", chat.Platform.ToString()), ("chat", chat.ChatId));
        if (removed > 0)
        {
            await AuditLog.WriteAsync(connection, transaction, now, actor, "unsubscribe", chat.ToString(), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return removed > 0;
    }

    /// <summary>Stops delivery to a chat the platform reported gone (it can subscribe again).</summary>
    public async Task PauseAsync(ChatAddress chat, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await BotDatabase.ExecuteAsync(connection, transaction, "UPDATE bot_subscriptions SET paused = 1, paused_reason = @reason WHERE platform = @platform AND chat_id = @chat", cancellationToken,
            ("reason", reason), ("platform", chat.Platform.ToString()), ("chat", chat.ChatId));
        await AuditLog.WriteAsync(connection, transaction, now, "delivery", "pause", $"{chat} {reason}", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Sends to a paused chat again (the platform says the bot may post there again); false when it had no paused
    /// subscription. Written to the audit table with <paramref name="reason"/>.
    /// </summary>
    public async Task<bool> ResumeAsync(ChatAddress chat, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var resumed = await BotDatabase.ExecuteAsync(connection, transaction, "UPDATE bot_subscriptions SET paused = 0, paused_reason = NULL WHERE platform = @platform AND chat_id = @chat AND paused = 1", cancellationToken,
            ("platform", chat.Platform.ToString()), ("chat", chat.ChatId));
        if (resumed > 0)
        {
            await AuditLog.WriteAsync(connection, transaction, now, "delivery", "resume", $"{chat} {reason}", cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return resumed > 0;
    }

    /// <summary>The subscription of one chat, if any.</summary>
    public async Task<Subscription?> GetAsync(ChatAddress chat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        var all = await QueryAsync("WHERE platform = @platform AND chat_id = @chat", cancellationToken, ("platform", chat.Platform.ToString()), ("chat", chat.ChatId));
        return all.Count > 0 ? all[0] : null;
    }

    /// <summary>
    /// The subscriptions delivery paused because the platform said the chat is gone or forbids the
    /// bot, with the platform's reason (for a moderator's /status).
    /// </summary>
    public Task<IReadOnlyList<Subscription>> ListPausedAsync(CancellationToken cancellationToken) => QueryAsync("WHERE paused = 1", cancellationToken);

    /// <summary>Every subscription, paused ones included.</summary>
    public Task<IReadOnlyList<Subscription>> ListAsync(CancellationToken cancellationToken) => QueryAsync(string.Empty, cancellationToken);

    private async Task<IReadOnlyList<Subscription>> QueryAsync(string where, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = BotDatabase.Command(connection, null,
            "SELECT platform, chat_id, chat_kind, topics, language, paused, paused_reason FROM bot_subscriptions " + where + " ORDER BY platform, chat_id", parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<Subscription>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var chat = new ChatAddress(new PlatformId(reader.GetString(0)), reader.GetString(1), Enum.Parse<ChatKind>(reader.GetString(2)));
            result.Add(new Subscription(
                chat,
                (SubscriptionTopics)Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture),
                Enum.Parse<UiLanguage>(reader.GetString(4)),
                Convert.ToInt64(reader.GetValue(5), CultureInfo.InvariantCulture) != 0,
                reader.IsDBNull(6) ? null : reader.GetString(6)));
        }

        return result;
    }
}
