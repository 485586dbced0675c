using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using Bot.Core.Kernel;

namespace Bot.Core.Storage;

/// <summary>What pressing one button does, as <see cref="ButtonStore"/> keeps it.</summary>
/// <param name="Command">The command whose handler gets the press.</param>
/// <param name="Payload">Its arguments, or the follow-up's payload.</param>
/// <param name="IsFollowUp">A follow-up of the handler's own, for <paramref name="IssuedTo"/> only.</param>
/// <param name="IssuedTo">Whom it was shown to: <c>{platform}:{user id}</c>.</param>
/// <param name="Chat">The chat the reply with the button answered.</param>
/// <param name="ExpiresAt">When it stops working.</param>
public sealed record StoredButton(string Command, string Payload, bool IsFollowUp, string IssuedTo, ChatAddress Chat, DateTimeOffset ExpiresAt);

/// <summary>
/// Button tokens in the database (<c>bot_buttons</c>), so a button works after a restart and on whichever node
/// receives the press. A token is 128 random bits in base64url (22 ASCII characters, within what every platform lets
/// a button carry): it means nothing without its row, so it cannot be forged or edited. Rows live <see cref="Lifetime"/>;
/// expired rows are kept as long again (a late press is told it expired) and then deleted, at most once an hour per
/// process while buttons are being issued.
/// </summary>
public sealed class ButtonStore
{
    /// <summary>How long a button works after it was shown.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private const int TokenLength = 22;
    private static readonly TimeSpan CleanupInterval = TimeSpan.FromHours(1);

    private readonly BotDatabase _database;
    private readonly TimeProvider _time;
    private long _nextCleanup;

    internal ButtonStore(BotDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    /// <summary>Stores the buttons of one reply (all or none) and returns their tokens, in order; they expire after <see cref="Lifetime"/>.</summary>
    public async Task<IReadOnlyList<string>> IssueAsync(IReadOnlyList<(string Command, string Payload, bool IsFollowUp)> buttons, string issuedTo, ChatAddress chat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(buttons);
        ArgumentNullException.ThrowIfNull(chat);
        var now = _time.GetUtcNow();
        var tokens = new List<string>(buttons.Count);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var (command, payload, isFollowUp) in buttons)
        {
            var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
            await BotDatabase.ExecuteAsync(connection, transaction, """
                INSERT INTO bot_buttons (token, command, payload, follow_up, issued_to, platform, chat_id, chat_kind, created_at, expires_at)
                VALUES (@token, @command, @payload, @followUp, @issuedTo, @platform, @chat, @kind, @now, @expires)
                """, cancellationToken,
                ("token", token), ("command", command), ("payload", payload), ("followUp", isFollowUp ? 1L : 0L), ("issuedTo", issuedTo),
                ("platform", chat.Platform.Name), ("chat", chat.ChatId), ("kind", chat.Kind.ToString()),
                ("now", now.ToUnixTimeMilliseconds()), ("expires", (now + Lifetime).ToUnixTimeMilliseconds()));
            tokens.Add(token);
        }

        if (now.ToUnixTimeMilliseconds() >= Interlocked.Read(ref _nextCleanup))
        {
            Interlocked.Exchange(ref _nextCleanup, (now + CleanupInterval).ToUnixTimeMilliseconds());
            await BotDatabase.ExecuteAsync(connection, transaction, "DELETE FROM bot_buttons WHERE expires_at < @before", cancellationToken,
                ("before", (now - Lifetime).ToUnixTimeMilliseconds()));
        }

        await transaction.CommitAsync(cancellationToken);
        return tokens;
    }

    /// <summary>The button of a token, expired or not; null for anything this bot did not issue (or deleted long since).</summary>
    public async Task<StoredButton?> FindAsync(string? token, CancellationToken cancellationToken)
    {
        if (token is not { Length: TokenLength } || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return null;
        }

        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = BotDatabase.Command(connection, null,
            "SELECT command, payload, follow_up, issued_to, platform, chat_id, chat_kind, expires_at FROM bot_buttons WHERE token = @token", ("token", token));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new StoredButton(
            reader.GetString(0),
            reader.GetString(1),
            Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture) == 1,
            reader.GetString(3),
            new ChatAddress(new PlatformId(reader.GetString(4)), reader.GetString(5), Enum.Parse<ChatKind>(reader.GetString(6))),
            DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(7), CultureInfo.InvariantCulture)));
    }
}
