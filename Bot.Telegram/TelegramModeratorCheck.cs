using System.Collections.Concurrent;
using Bot.Telegram.Api;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Bot.Telegram;

/// <summary>
/// Decides on the server side whether a Telegram user moderates a chat: a user id listed in
/// <c>Moderation:TelegramUserIds</c>, an anonymous admin posting as the group, or a creator or
/// administrator of the group according to <c>getChatMember</c> (cached briefly).
/// </summary>
internal sealed partial class TelegramModeratorCheck
{
    private readonly ConcurrentDictionary<(long Chat, long User), (bool IsAdmin, DateTimeOffset Until)> _cache = new();
    private readonly TelegramApi _api;
    private readonly TimeProvider _time;
    private readonly HashSet<long> _moderators;
    private readonly TimeSpan _cacheTime;
    private readonly ILogger<TelegramModeratorCheck> _logger;

    public TelegramModeratorCheck(TelegramApi api, TimeProvider time, IOptions<TelegramModerationOptions> options, ILogger<TelegramModeratorCheck> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _api = api;
        _time = time;
        _moderators = [.. options.Value.TelegramUserIds];
        _cacheTime = options.Value.TelegramAdminCacheTime;
        _logger = logger;
    }

    /// <summary>Whether <paramref name="user"/> moderates <paramref name="chat"/>.</summary>
    public async ValueTask<bool> IsModeratorAsync(Chat chat, User user, Chat? senderChat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentNullException.ThrowIfNull(user);
        if (_moderators.Contains(user.Id))
        {
            return true;
        }

        if (chat.Type is not (ChatType.Group or ChatType.Supergroup))
        {
            return false;
        }

        // An anonymous administrator posts as the group itself.
        if (senderChat is not null && senderChat.Id == chat.Id)
        {
            return true;
        }

        var now = _time.GetUtcNow();
        if (_cache.TryGetValue((chat.Id, user.Id), out var cached) && cached.Until > now)
        {
            return cached.IsAdmin;
        }

        try
        {
            var member = await _api.CallAsync("getChatMember", (client, ct) => client.GetChatMember(chat.Id, user.Id, ct), cancellationToken, maxAttempts: 2).ConfigureAwait(false);
            var isAdmin = member.Status is ChatMemberStatus.Administrator or ChatMemberStatus.Creator;
            _cache[(chat.Id, user.Id)] = (isAdmin, now + _cacheTime);
            return isAdmin;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogCheckFailed(TelegramErrors.ErrorCode(ex), chat.Id);
            return false;
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Could not check the administrators of Telegram chat {ChatId} ({ErrorCode}); treating the user as a member")]
    private partial void LogCheckFailed(int errorCode, long chatId);
}
