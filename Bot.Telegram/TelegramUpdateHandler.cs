using System.Globalization;
using Bot.Core.Commands;
using Bot.Core.Delivery;
using Bot.Core.Delivery.RateLimits;
using Bot.Core.Kernel;
using Bot.Core.Replies;
using Bot.Telegram.Api;
using Bot.Telegram.Rendering;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Bot.Telegram;

/// <summary>
/// Turns one Telegram update into a command for the core and sends the answer back: commands in
/// private chats and groups (<c>/summit@Bot seoul</c>), plain text in private chats as a search,
/// button presses and inline queries. Plain text in groups is none of the bot's business.
/// </summary>
internal sealed partial class TelegramUpdateHandler
{
    /// <summary>The command plain text in a private chat runs.</summary>
    public const string SearchCommand = "zoek";

    /// <summary>The commands an inline query runs, in the order their results are offered.</summary>
    public static readonly IReadOnlyList<string> InlineCommands = ["summit", "verdrag", SearchCommand];

    private readonly CommandRouter _router;
    private readonly CommandRegistry _registry;
    private readonly UiTexts _texts;
    private readonly TelegramApi _api;
    private readonly TelegramReplySender _sender;
    private readonly TelegramBotIdentity _identity;
    private readonly TelegramFloodGate _floodGate;
    private readonly DeliveryRateLimiter _limits;
    private readonly TelegramChannels _channels;
    private readonly ILogger<TelegramUpdateHandler> _logger;

    public TelegramUpdateHandler(
        CommandRouter router,
        CommandRegistry registry,
        UiTexts texts,
        TelegramApi api,
        TelegramReplySender sender,
        TelegramBotIdentity identity,
        TelegramFloodGate floodGate,
        DeliveryRateLimiter limits,
        TelegramChannels channels,
        ILogger<TelegramUpdateHandler> logger)
    {
        _channels = channels;
        _router = router;
        _registry = registry;
        _texts = texts;
        _api = api;
        _sender = sender;
        _identity = identity;
        _floodGate = floodGate;
        _limits = limits;
        _logger = logger;
    }

    /// <summary>Handles one update. Throws for a broken update; the caller logs it and goes on.</summary>
    public Task HandleAsync(Update update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        return update switch
        {
            { Message: { } message } => HandleMessageAsync(message, cancellationToken),
            { ChannelPost: { } post } => HandleChannelPostAsync(post, cancellationToken),
            { MyChatMember: { } change } => _channels.HandleMembershipAsync(change, cancellationToken),
            { CallbackQuery: { } query } => HandleCallbackAsync(query, cancellationToken),
            { InlineQuery: { } query } => HandleInlineAsync(query, cancellationToken),
            _ => Task.CompletedTask,
        };
    }

    private async Task HandleMessageAsync(Message message, CancellationToken cancellationToken)
    {
        // A photo's caption holds the command that came with it (/aankondiging … with a picture).
        if ((message.Text ?? message.Caption) is not { } text || message.From is not { } user || (user.IsBot && message.SenderChat is null))
        {
            return;
        }

        var kind = TelegramChannels.KindOf(message.Chat.Type);
        if (kind is null or ChatKind.Channel)
        {
            return;
        }

        string command;
        string arguments;
        if (!CommandLine.TryParse(text, _identity.Username, out command, out arguments))
        {
            // Commands for another bot, and chatter in groups, are left alone.
            if (kind == ChatKind.Group || text.TrimStart().StartsWith('/'))
            {
                return;
            }

            command = SearchCommand;
            arguments = text;
        }

        var language = _texts.LanguageOf(user.LanguageCode);
        if (!await PassesFloodGateAsync(user.Id, message.Chat.Id, language, cancellationToken, Thread(message)).ConfigureAwait(false))
        {
            return;
        }

        if (kind == ChatKind.Private && ForChannel(command, arguments) is { } named)
        {
            await HandleForChannelAsync(message, user, command, named.Channel, named.Remainder, language, cancellationToken).ConfigureAwait(false);
            return;
        }

        var request = new CommandRequest(
            command,
            arguments,
            User(user),
            new ChatAddress(TelegramPlatform.Id, message.Chat.Id.ToString(CultureInfo.InvariantCulture), kind.Value),
            user.LanguageCode ?? string.Empty)
        {
            Evidence = message.SenderChat is { } sender ? new TelegramSenderChat(sender.Id) : null,
            Attachment = Attachment(message),
        };
        LogCommand(command, message.Chat.Id);
        var reply = await _router.RouteAsync(request, cancellationToken).ConfigureAwait(false);
        await AnswerAsync(reply, user, request.Chat, message.Chat.Id, language, kind == ChatKind.Group ? message.Id : null, Thread(message), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A command posted in a channel: only the subscription commands, and only from an administrator the Bot API
    /// confirms (<see cref="TelegramChannels.ConfirmedAuthorAsync"/>). The answer goes to the channel.
    /// </summary>
    private async Task HandleChannelPostAsync(Message post, CancellationToken cancellationToken)
    {
        if ((post.Text ?? post.Caption) is not { } text || !CommandLine.TryParse(text, _identity.Username, out var command, out var arguments) || !IsSubscriptionCommand(command))
        {
            return;
        }

        var language = _texts.LanguageOf(null);
        var author = await _channels.ConfirmedAuthorAsync(post, cancellationToken).ConfigureAwait(false);
        if (author is null)
        {
            LogUnconfirmedChannelPost(post.Chat.Id);
            if (post.From is null && post.SenderChat?.Id == post.Chat.Id && await _channels.BotMayPostAsync(post.Chat.Id, cancellationToken).ConfigureAwait(false))
            {
                // An unsigned post is from some administrator, but not one the bot can name: say how to do it instead.
                await SendAsync(post.Chat.Id, ErrorReply(ChannelText(language,
                    $"Ik weet niet welke beheerder dit plaatste. Zet 'Berichten ondertekenen' aan in de kanaalinstellingen, of stuur mij privé /abonneer @{post.Chat.Username ?? post.Chat.Id.ToString(CultureInfo.InvariantCulture)}.",
                    $"I can't tell which administrator posted this. Turn on 'Sign messages' in the channel settings, or send me /subscribe @{post.Chat.Username ?? post.Chat.Id.ToString(CultureInfo.InvariantCulture)} in a private chat.")), language, null, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        if (!await _channels.BotMayPostAsync(post.Chat.Id, cancellationToken).ConfigureAwait(false))
        {
            LogCannotPost(post.Chat.Id);
            return;
        }

        var chat = TelegramChannels.Address(post.Chat.Id, ChatKind.Channel);
        var request = new CommandRequest(command, arguments, User(author), chat, author.LanguageCode ?? string.Empty);
        LogCommand(command, post.Chat.Id);
        var reply = await _router.RouteAsync(request, cancellationToken).ConfigureAwait(false);
        reply = await _router.IssueButtonsAsync(reply, User(author), chat, cancellationToken).ConfigureAwait(false);
        await SendAsync(post.Chat.Id, reply, _texts.LanguageOf(author.LanguageCode), null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>/abonneer @kanaal …</c> in a private chat: the channel must exist, the sender must administer it with the
    /// right to post, and (to subscribe) the bot must be allowed to post there; then the command runs for the channel
    /// (the router checks the sender's rights there again) and the answer comes back privately.
    /// </summary>
    private async Task HandleForChannelAsync(Message message, User user, string command, string name, string arguments, UiLanguage language, CancellationToken cancellationToken)
    {
        var channel = await _channels.FindChannelAsync(name, cancellationToken).ConfigureAwait(false);
        string? problem = null;
        if (channel is null)
        {
            problem = ChannelText(language, $"Ik vind geen kanaal {name}. Maak de bot eerst beheerder van het kanaal (met het recht om berichten te plaatsen).", $"I can't find a channel {name}. First make the bot an administrator of the channel (allowed to post messages).");
        }
        else if (!await _channels.IsPostingAdminAsync(channel.Id, user.Id, cancellationToken).ConfigureAwait(false))
        {
            problem = ChannelText(language, $"Alleen beheerders van {name} die berichten mogen plaatsen, kunnen dat voor het kanaal doen.", $"Only administrators of {name} who may post messages can do that for the channel.");
        }
        else if (_registry.TryGet(command, out var handler) && handler.Descriptor.Name == "abonneer" && !await _channels.BotMayPostAsync(channel.Id, cancellationToken).ConfigureAwait(false))
        {
            problem = ChannelText(language, $"De bot mag nog niet posten in {name}: maak hem beheerder met het recht om berichten te plaatsen.", $"The bot may not post in {name} yet: make it an administrator allowed to post messages.");
        }

        var self = new ChatAddress(TelegramPlatform.Id, message.Chat.Id.ToString(CultureInfo.InvariantCulture), ChatKind.Private);
        if (problem is not null || channel is null)
        {
            await AnswerAsync(ErrorReply(problem!), user, self, message.Chat.Id, language, null, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        var request = new CommandRequest(command, arguments, User(user), TelegramChannels.Address(channel.Id, ChatKind.Channel), user.LanguageCode ?? string.Empty);
        LogCommand(command, channel.Id);
        var reply = await _router.RouteAsync(request, cancellationToken).ConfigureAwait(false);
        await AnswerAsync(reply, user, request.Chat, message.Chat.Id, language, null, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The channel a subscription command in a private chat names first (<c>@kanaal</c> or <c>-100…</c>), and the rest.</summary>
    private (string Channel, string Remainder)? ForChannel(string command, string arguments)
    {
        if (!IsSubscriptionCommand(command))
        {
            return null;
        }

        var trimmed = arguments.TrimStart();
        var end = trimmed.IndexOfAny([' ', '\n', '\t']);
        var first = end < 0 ? trimmed : trimmed[..end];
        var isChannel = first.Length > 1 && first[0] == '@' || first.StartsWith("-100", StringComparison.Ordinal) && long.TryParse(first, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
        return isChannel ? (first, end < 0 ? string.Empty : trimmed[(end + 1)..].Trim()) : null;
    }

    /// <summary>The commands that act on a chat's subscription: the only ones a channel (or a private chat naming one) runs.</summary>
    private bool IsSubscriptionCommand(string command) =>
        _registry.TryGet(command, out var handler) && handler.Descriptor.Name is "abonneer" or "opzeggen" or "abonnementen";

    private static string ChannelText(UiLanguage language, string nl, string en) => language == UiLanguage.En ? en : nl;

    private static Reply ErrorReply(string text) => Reply.FromBlocks(ReplyText.Paragraph(text)) with { IsError = true };

    /// <summary>The photo (or image document) that came with a message, downloaded only when a command asks for it.</summary>
    private CommandAttachment? Attachment(Message message)
    {
        var (fileId, size, name) = message.Photo is { Length: > 0 } sizes ? (sizes[^1].FileId, sizes[^1].FileSize, "photo.jpg")
            : message.Document is { MimeType: { } mime } document && mime.StartsWith("image/", StringComparison.OrdinalIgnoreCase) ? (document.FileId, document.FileSize, document.FileName ?? "image")
            : (null, null, string.Empty);
        return fileId is null ? null : new CommandAttachment(name, size, (max, ct) => DownloadAsync(fileId, max, ct));
    }

    /// <summary>Downloads a file the user sent, at most <paramref name="max"/> bytes plus one.</summary>
    private async Task<byte[]> DownloadAsync(string fileId, long max, CancellationToken cancellationToken)
    {
        var file = await _api.CallAsync("getFile", (client, ct) => client.GetFile(fileId, ct), cancellationToken, maxAttempts: 2).ConfigureAwait(false);
        if (file.FileSize > max || file.FilePath is null)
        {
            return file.FilePath is null ? throw new InvalidOperationException("Telegram gave no file path") : new byte[max + 1];
        }

        using var buffer = new CappedBuffer(max + 1);
        await _api.Client.DownloadFile(file.FilePath, buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private async Task HandleCallbackAsync(CallbackQuery query, CancellationToken cancellationToken)
    {
        // Answer first so the button stops spinning; a press too old to answer still runs.
        try
        {
            await _api.CallAsync("answerCallbackQuery", (client, ct) => client.AnswerCallbackQuery(query.Id, cancellationToken: ct), cancellationToken, maxAttempts: 2).ConfigureAwait(false);
        }
        catch (RequestException ex) when (TelegramErrors.Classify(ex).Outcome == DeliveryOutcome.Failed)
        {
            LogCallbackNotAnswered(ex.Message);
        }
        // The callback data is the button's token, nothing else: the router knows what it does, and whether it still may.
        if (string.IsNullOrEmpty(query.Data) || query.Message is not { } origin)
        {
            return;
        }

        var language = _texts.LanguageOf(query.From.LanguageCode);
        if (!await PassesFloodGateAsync(query.From.Id, origin.Chat.Id, language, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var kind = origin.Chat.Type == ChatType.Private ? ChatKind.Private : ChatKind.Group;
        var press = new ButtonPress(
            query.Data,
            User(query.From),
            new ChatAddress(TelegramPlatform.Id, origin.Chat.Id.ToString(CultureInfo.InvariantCulture), kind),
            query.From.LanguageCode ?? string.Empty)
        {
            // The message with the button (a preview) is the one a broadcast's progress is shown in.
            MessageRef = origin.MessageId.ToString(CultureInfo.InvariantCulture),
        };
        LogButton(origin.Chat.Id);
        var reply = await _router.PressAsync(press, cancellationToken).ConfigureAwait(false);
        await AnswerAsync(reply, query.From, press.Chat, origin.Chat.Id, language, null, Thread(origin), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends the router's answer with its buttons issued: in the chat, or (a private reply asked for in a group)
    /// in the private chat with the user.
    /// </summary>
    private async Task AnswerAsync(Reply reply, User user, ChatAddress chat, long chatId, UiLanguage language, int? replyTo, int? threadId, CancellationToken cancellationToken)
    {
        reply = await _router.IssueButtonsAsync(reply, User(user), chat, cancellationToken).ConfigureAwait(false);
        if (reply.Private && chat.Kind == ChatKind.Group)
        {
            await SendPrivatelyAsync(user.Id, chatId, reply, language, replyTo, threadId, cancellationToken).ConfigureAwait(false);
            return;
        }

        await SendAsync(chatId, reply, language, replyTo, cancellationToken, threadId).ConfigureAwait(false);
    }

    private async Task HandleInlineAsync(InlineQuery query, CancellationToken cancellationToken)
    {
        var text = CommandLine.Clean(query.Query);
        var language = _texts.LanguageOf(query.From.LanguageCode);
        var replies = new List<Reply>();
        if (text.Length > 0)
        {
            var chat = new ChatAddress(TelegramPlatform.Id, "inline:" + query.From.Id.ToString(CultureInfo.InvariantCulture), ChatKind.Private);
            foreach (var command in InlineCommands)
            {
                if (!_registry.TryGet(command, out _))
                {
                    continue;
                }

                var request = new CommandRequest(command, text, User(query.From), chat, query.From.LanguageCode ?? string.Empty);
                replies.Add(await _router.RouteAsync(request, cancellationToken).ConfigureAwait(false));
            }
        }

        var results = TelegramInlineResults.From(replies, language);
        await _api.CallAsync(
            "answerInlineQuery",
            (client, ct) => client.AnswerInlineQuery(query.Id, results, cacheTime: 60, cancellationToken: ct),
            cancellationToken,
            maxAttempts: 2).ConfigureAwait(false);
    }

    /// <summary>Tells a private chat whose message could not be read so, within the flood limit (a user's id is their private chat's id).</summary>
    public async Task AnswerUnreadableAsync(long chatId, string? languageCode, CancellationToken cancellationToken)
    {
        var language = _texts.LanguageOf(languageCode);
        if (await PassesFloodGateAsync(chatId, chatId, language, cancellationToken).ConfigureAwait(false))
        {
            await SendAsync(chatId, UiTexts.Error(language, UiText.Unreadable), language, null, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<bool> PassesFloodGateAsync(long userId, long chatId, UiLanguage language, CancellationToken cancellationToken, int? threadId = null)
    {
        switch (_floodGate.Check(userId))
        {
            case FloodVerdict.Allow:
                return true;
            case FloodVerdict.SlowDown:
                LogFlooding(userId);
                await SendAsync(chatId, UiTexts.Error(language, UiText.SlowDown), language, null, cancellationToken, threadId).ConfigureAwait(false);
                return false;
            default:
                return false;
        }
    }

    private async Task SendAsync(long chatId, Reply reply, UiLanguage language, int? replyTo, CancellationToken cancellationToken, int? threadId = null)
    {
        var messages = TelegramReplyMapper.Map(reply, language);
        try
        {
            await SendPacedAsync(chatId, messages, replyTo, threadId, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestException ex) when (TelegramErrors.Classify(ex) is { Outcome: DeliveryOutcome.Gone } gone)
        {
            LogBlocked(chatId, gone.Reason);
        }
    }

    /// <summary>
    /// Sends an answer within the limits the bot token has on Telegram (30 a second, 20 a minute per
    /// group), shared with reminders and announcements, one turn per message: a burst of questions is
    /// answered at the pace Telegram accepts instead of drawing 429s. A 429 goes to the limiter, which
    /// holds back only this chat (or, when others are refused too, the platform), and the message waits
    /// for its next turn there.
    /// </summary>
    private async Task SendPacedAsync(long chatId, IReadOnlyList<TelegramMessage> messages, int? replyTo, int? threadId, CancellationToken cancellationToken)
    {
        var chat = new ChatAddress(TelegramPlatform.Id, chatId.ToString(CultureInfo.InvariantCulture), chatId < 0 ? ChatKind.Group : ChatKind.Private);
        for (var i = 0; i < messages.Count; i++)
        {
            for (var refused = 1; ; refused++)
            {
                var turn = await _limits.WaitAnswerTurnAsync(chat, cancellationToken).ConfigureAwait(false);
                try
                {
                    turn.Sending();
                    await _sender.SendAsync(chatId, [messages[i]], i == 0 ? replyTo : null, cancellationToken, threadId: threadId, pacedByCaller: true).ConfigureAwait(false);
                    break;
                }
                catch (RequestException ex) when (TelegramErrors.Classify(ex) is { Outcome: DeliveryOutcome.RateLimited } limited && refused < TelegramApi.MaxAttempts)
                {
                    _limits.RateLimited(chat, limited.RetryAfter ?? TimeSpan.FromSeconds(1));
                }
                finally
                {
                    turn.Finish();
                }
            }
        }
    }

    /// <summary>
    /// A reply only for the asker (an announcement preview): sent in the private chat with them (a user's id is
    /// their private chat's id). When the bot may not write to them (they never started it: that chat is gone for
    /// the bot, 403 or 400 chat not found), the group gets a short note instead, never the private reply itself.
    /// </summary>
    private async Task SendPrivatelyAsync(long userId, long groupId, Reply reply, UiLanguage language, int? replyTo, int? threadId, CancellationToken cancellationToken)
    {
        try
        {
            await SendPacedAsync(userId, TelegramReplyMapper.Map(reply, language), null, null, cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (RequestException ex) when (TelegramErrors.Classify(ex) is { Outcome: DeliveryOutcome.Gone } gone)
        {
            LogNoPrivateChat(userId, gone.Reason);
        }

        var note = language == UiLanguage.En
            ? "I can't send you a private message. Open a chat with me (press Start), then try again."
            : "Ik kan je geen privébericht sturen. Open een chat met mij (druk op Start) en probeer het opnieuw.";
        await SendAsync(groupId, Reply.FromBlocks(ReplyText.Paragraph(note)) with { IsError = true }, language, replyTo, cancellationToken, threadId).ConfigureAwait(false);
    }

    /// <summary>The forum topic a message was posted in, so the answer lands in the same topic.</summary>
    private static int? Thread(Message message) => message.IsTopicMessage ? message.MessageThreadId : null;

    private static UserRef User(User user) =>
        new(user.Id.ToString(CultureInfo.InvariantCulture), string.IsNullOrWhiteSpace(user.Username) ? user.FirstName : user.Username);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Debug, Message = "Telegram command /{Command} in chat {ChatId}")]
    private partial void LogCommand(string command, long chatId);

    [LoggerMessage(EventId = 3206, Level = LogLevel.Debug, Message = "Telegram button pressed in chat {ChatId}")]
    private partial void LogButton(long chatId);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Information, Message = "Telegram chat {ChatId} is gone for the bot (blocked, removed, not found): {Reason}")]
    private partial void LogBlocked(long chatId, string? reason);

    [LoggerMessage(EventId = 3205, Level = LogLevel.Information, Message = "Cannot write privately to Telegram user {UserId}: {Reason}; answering in the group with a note")]
    private partial void LogNoPrivateChat(long userId, string? reason);

    [LoggerMessage(EventId = 3204, Level = LogLevel.Debug, Message = "Could not answer a Telegram button press: {Description}")]
    private partial void LogCallbackNotAnswered(string description);

    [LoggerMessage(EventId = 3207, Level = LogLevel.Warning, Message = "A command posted in Telegram channel {ChatId} has no author the Bot API confirms as a posting administrator; ignored")]
    private partial void LogUnconfirmedChannelPost(long chatId);

    [LoggerMessage(EventId = 3208, Level = LogLevel.Information, Message = "The bot may not post in Telegram channel {ChatId}; its command is not answered")]
    private partial void LogCannotPost(long chatId);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Information, Message = "Telegram user {UserId} is sending commands too fast; ignoring them for a while")]
    private partial void LogFlooding(long userId);
}
