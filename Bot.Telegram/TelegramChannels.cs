using System.Globalization;
using Bot.Core.Kernel;
using Bot.Core.Storage;
using Bot.Telegram.Api;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Bot.Telegram;

/// <summary>
/// Telegram channels as targets: follows the bot's own membership (<c>my_chat_member</c>: removed or stripped of
/// the right to post → that chat's subscription pauses; allowed to post again → it resumes), and decides who
/// posted a channel post or may act for a channel named from a private chat. The rule is conservative (see
/// docs/telegram.md, "Channels"): a person is only believed when the Bot API confirms them as an administrator of
/// the channel, and the bot only subscribes a channel where it is an administrator allowed to post.
/// </summary>
internal sealed partial class TelegramChannels
{
    private readonly TelegramApi _api;
    private readonly TelegramBotIdentity _identity;
    private readonly SubscriptionStore? _subscriptions;
    private readonly ILogger<TelegramChannels> _logger;

    /// <summary>Without <paramref name="subscriptions"/> (a host without storage) membership changes are only logged.</summary>
    public TelegramChannels(TelegramApi api, TelegramBotIdentity identity, ILogger<TelegramChannels> logger, SubscriptionStore? subscriptions = null)
    {
        _api = api;
        _identity = identity;
        _subscriptions = subscriptions;
        _logger = logger;
    }

    /// <summary>The chat kind of a Telegram chat type; null for kinds the bot does not serve.</summary>
    public static ChatKind? KindOf(ChatType type) => type switch
    {
        ChatType.Private => ChatKind.Private,
        ChatType.Group or ChatType.Supergroup => ChatKind.Group,
        ChatType.Channel => ChatKind.Channel,
        _ => null,
    };

    /// <summary>The core's address of a Telegram chat.</summary>
    public static ChatAddress Address(long chatId, ChatKind kind) => new(TelegramPlatform.Id, chatId.ToString(CultureInfo.InvariantCulture), kind);

    /// <summary>Pauses or resumes the chat's subscription as the bot's new membership allows.</summary>
    public async Task HandleMembershipAsync(ChatMemberUpdated change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (KindOf(change.Chat.Type) is not { } kind || kind == ChatKind.Private || change.NewChatMember.User.Id != _identity.Id && _identity.Id != 0 || _subscriptions is null)
        {
            return;
        }

        var chat = Address(change.Chat.Id, kind);
        var member = change.NewChatMember;
        if (MayPost(member, kind))
        {
            var resumed = await _subscriptions.ResumeAsync(chat, $"the bot may post again ({member.Status})", cancellationToken).ConfigureAwait(false);
            LogMayPost(change.Chat.Id, kind, member.Status, resumed);
            return;
        }

        var reason = member.Status switch
        {
            ChatMemberStatus.Left => "the bot was removed from the chat",
            ChatMemberStatus.Kicked => "the bot was banned from the chat",
            ChatMemberStatus.Administrator => "the bot may no longer post in the channel",
            _ => kind == ChatKind.Channel ? "the bot is no longer an administrator of the channel" : $"the bot may no longer post ({member.Status})",
        };
        if (await _subscriptions.GetAsync(chat, cancellationToken).ConfigureAwait(false) is { Paused: false })
        {
            await _subscriptions.PauseAsync(chat, reason, cancellationToken).ConfigureAwait(false);
            LogPaused(change.Chat.Id, reason);
        }
    }

    /// <summary>
    /// Who posted <paramref name="post"/> in a channel, as the Bot API confirms it: the post must come from the
    /// channel itself (<c>sender_chat</c>), and name its author either as <c>from</c> (checked with
    /// <c>getChatMember</c>) or by the signature of exactly one administrator who may post (<c>getChatAdministrators</c>).
    /// Null when no administrator can be confirmed (an unsigned post, a name two admins share, a forged author).
    /// </summary>
    public async Task<User?> ConfirmedAuthorAsync(Message post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        if (post.Chat.Type != ChatType.Channel || post.SenderChat?.Id != post.Chat.Id)
        {
            return null;
        }

        if (post.From is { IsBot: false } from)
        {
            var member = await MemberAsync(post.Chat.Id, from.Id, cancellationToken).ConfigureAwait(false);
            return member is not null && MayPost(member, ChatKind.Channel) ? from : null;
        }

        if (string.IsNullOrWhiteSpace(post.AuthorSignature))
        {
            return null;
        }

        var admins = await _api.CallAsync("getChatAdministrators", (client, ct) => client.GetChatAdministrators(post.Chat.Id, cancellationToken: ct), cancellationToken, maxAttempts: 2).ConfigureAwait(false);
        var signed = admins.Where(a => !a.User.IsBot && MayPost(a, ChatKind.Channel) && Signs(a, post.AuthorSignature)).ToList();
        return signed.Count == 1 ? signed[0].User : null;
    }

    /// <summary>Whether <paramref name="userId"/> administers channel <paramref name="channelId"/> with the right to post.</summary>
    public async Task<bool> IsPostingAdminAsync(long channelId, long userId, CancellationToken cancellationToken) =>
        await MemberAsync(channelId, userId, cancellationToken).ConfigureAwait(false) is { } member && MayPost(member, ChatKind.Channel);

    /// <summary>Whether the bot itself may post in the channel (an administrator with <c>can_post_messages</c>).</summary>
    public Task<bool> BotMayPostAsync(long channelId, CancellationToken cancellationToken) => IsPostingAdminAsync(channelId, _identity.Id, cancellationToken);

    /// <summary>The channel a private chat names (<c>@kanaal</c> or its id <c>-100…</c>); null when it is no channel the bot can see.</summary>
    public async Task<ChatFullInfo?> FindChannelAsync(string name, CancellationToken cancellationToken)
    {
        ChatId id = long.TryParse(name, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var numeric) ? new ChatId(numeric) : new ChatId(name);
        try
        {
            var chat = await _api.CallAsync("getChat", (client, ct) => client.GetChat(id, ct), cancellationToken, maxAttempts: 2).ConfigureAwait(false);
            return chat.Type == ChatType.Channel ? chat : null;
        }
        catch (Exception ex) when (ex is global::Telegram.Bot.Exceptions.RequestException && !cancellationToken.IsCancellationRequested)
        {
            var code = TelegramErrors.ErrorCode(ex);
            LogLookupFailed(code);
            return null;
        }
    }

    private async Task<ChatMember?> MemberAsync(long chatId, long userId, CancellationToken cancellationToken)
    {
        try
        {
            return await _api.CallAsync("getChatMember", (client, ct) => client.GetChatMember(chatId, userId, ct), cancellationToken, maxAttempts: 2).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is global::Telegram.Bot.Exceptions.RequestException && !cancellationToken.IsCancellationRequested)
        {
            var code = TelegramErrors.ErrorCode(ex);
            LogLookupFailed(code);
            return null;
        }
    }

    /// <summary>In a channel: its creator, or an administrator with <c>can_post_messages</c>; in a group: any member.</summary>
    private static bool MayPost(ChatMember member, ChatKind kind) => member switch
    {
        ChatMemberOwner => true,
        ChatMemberAdministrator admin => kind != ChatKind.Channel || admin.CanPostMessages,
        ChatMemberMember => kind != ChatKind.Channel,
        ChatMemberRestricted restricted => kind != ChatKind.Channel && restricted.IsMember && restricted.CanSendMessages,
        _ => false,
    };

    /// <summary>Telegram signs a channel post with the author's full name.</summary>
    private static bool Signs(ChatMember admin, string signature)
    {
        var name = string.IsNullOrEmpty(admin.User.LastName) ? admin.User.FirstName : admin.User.FirstName + " " + admin.User.LastName;
        return string.Equals(name.Trim(), signature.Trim(), StringComparison.Ordinal);
    }

    [LoggerMessage(EventId = 3401, Level = LogLevel.Information, Message = "The bot may post in Telegram chat {ChatId} ({Kind}, {Status}); subscription resumed: {Resumed}")]
    private partial void LogMayPost(long chatId, ChatKind kind, ChatMemberStatus status, bool resumed);

    [LoggerMessage(EventId = 3402, Level = LogLevel.Warning, Message = "Telegram chat {ChatId}: {Reason}; its subscription is paused")]
    private partial void LogPaused(long chatId, string reason);

    [LoggerMessage(EventId = 3403, Level = LogLevel.Information, Message = "A Telegram channel or member lookup failed ({ErrorCode}); not believed")]
    private partial void LogLookupFailed(int errorCode);
}
