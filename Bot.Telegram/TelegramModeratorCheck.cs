using System.Collections.Concurrent;
using System.Globalization;
using Bot.Core.Commands;
using Bot.Core.Kernel;
using Bot.Telegram.Api;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types.Enums;

namespace Bot.Telegram;

/// <summary>
/// Decides on the server side whether a Telegram user moderates a chat: a user id listed in
/// <c>Moderation:TelegramUserIds</c>, an anonymous admin posting as the group, or a creator or
/// administrator of the group according to <c>getChatMember</c> (cached briefly per group and user).
/// </summary>
internal sealed partial class TelegramModeratorCheck : IModeratorCheck
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

    public PlatformId Platform => TelegramPlatform.Id;

    /// <summary>Whether <paramref name="user"/> moderates <paramref name="chat"/>.</summary>
    public async ValueTask<bool> IsModeratorAsync(ChatAddress chat, UserRef user, IModeratorEvidence? evidence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentNullException.ThrowIfNull(user);
        if (!long.TryParse(user.Id, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var userId)
            || !long.TryParse(chat.ChatId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var chatId))
        {
            return false;
        }

        if (_moderators.Contains(userId))
        {
            return true;
        }

        if (chat.Kind == ChatKind.Private)
        {
            return false;
        }

        // An anonymous administrator posts as the group itself.
        if (evidence is TelegramSenderChat sender && sender.ChatId == chatId)
        {
            return true;
        }

        var now = _time.GetUtcNow();
        if (_cache.TryGetValue((chatId, userId), out var cached) && cached.Until > now)
        {
            return cached.IsAdmin;
        }

        try
        {
            var member = await _api.CallAsync("getChatMember", (client, ct) => client.GetChatMember(chatId, userId, ct), cancellationToken, maxAttempts: 2).ConfigureAwait(false);
            var isAdmin = member.Status is ChatMemberStatus.Administrator or ChatMemberStatus.Creator;
            _cache[(chatId, userId)] = (isAdmin, now + _cacheTime);
            return isAdmin;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogCheckFailed(TelegramErrors.ErrorCode(ex), chatId);
            return false;
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Could not check the administrators of Telegram chat {ChatId} ({ErrorCode}); treating the user as a member")]
    private partial void LogCheckFailed(int errorCode, long chatId);
}

/// <summary>A message was sent on behalf of this chat (<c>sender_chat</c>): from the group itself, it is an anonymous administrator.</summary>
/// <param name="ChatId">The id of the chat the message was sent as.</param>
internal sealed record TelegramSenderChat(long ChatId) : IModeratorEvidence
{
    public PlatformId Platform => TelegramPlatform.Id;
}
