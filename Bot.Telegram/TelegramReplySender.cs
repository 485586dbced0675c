using Bot.Telegram.Api;
using Bot.Telegram.Rendering;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Telegram;

/// <summary>Sends rendered messages with <c>sendMessage</c> in HTML parse mode.</summary>
internal sealed class TelegramReplySender
{
    private static readonly LinkPreviewOptions NoPreview = new() { IsDisabled = true };
    private readonly TelegramApi _api;

    public TelegramReplySender(TelegramApi api) => _api = api;

    /// <summary>The Bot API it calls.</summary>
    public TelegramApi Api => _api;

    /// <summary>
    /// Sends the messages in order; the first answers <paramref name="replyTo"/> when given, and all
    /// go to forum topic <paramref name="threadId"/> when the question came from one. <paramref name="pacedByCaller"/>:
    /// a 429 is thrown to the caller, who paces the sends (see <see cref="Bot.Core.Delivery.PlatformRetry"/>).
    /// </summary>
    public async Task<IReadOnlyList<int>> SendAsync(long chatId, IReadOnlyList<TelegramMessage> messages, int? replyTo, CancellationToken cancellationToken, int maxAttempts = TelegramApi.MaxAttempts, int? threadId = null, bool pacedByCaller = false)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var ids = new List<int>(messages.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            var replyParameters = i == 0 && replyTo is { } id ? new ReplyParameters { MessageId = id, AllowSendingWithoutReply = true } : null;
            var sent = await _api.CallAsync(
                "sendMessage",
                (client, ct) => client.SendMessage(
                    chatId,
                    message.Html,
                    ParseMode.Html,
                    replyParameters: replyParameters,
                    replyMarkup: Keyboard(message),
                    linkPreviewOptions: Preview(message),
                    messageThreadId: threadId,
                    cancellationToken: ct),
                cancellationToken,
                maxAttempts,
                pacedByCaller).ConfigureAwait(false);
            ids.Add(sent.MessageId);
        }

        return ids;
    }

    /// <summary>Replaces the text of message <paramref name="messageId"/>; Telegram's "message is not modified" counts as done.</summary>
    public async Task EditAsync(long chatId, int messageId, TelegramMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            await _api.CallAsync(
                "editMessageText",
                (client, ct) => client.EditMessageText(chatId, messageId, message.Html, ParseMode.Html, replyMarkup: Keyboard(message), linkPreviewOptions: Preview(message), cancellationToken: ct),
                cancellationToken,
                maxAttempts: 1).ConfigureAwait(false);
        }
        catch (global::Telegram.Bot.Exceptions.ApiRequestException ex) when (TelegramErrors.IsNotModified(ex))
        {
            // The message already says this (an edit made again after a crash, or the same text).
        }
    }

    /// <summary>Replaces the caption of photo <paramref name="messageId"/>; Telegram's "message is not modified" counts as done.</summary>
    public async Task EditCaptionAsync(long chatId, int messageId, TelegramMessage caption, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caption);
        try
        {
            await _api.CallAsync(
                "editMessageCaption",
                (client, ct) => client.EditMessageCaption(chatId, messageId, caption.Html, ParseMode.Html, cancellationToken: ct),
                cancellationToken,
                maxAttempts: 1).ConfigureAwait(false);
        }
        catch (global::Telegram.Bot.Exceptions.ApiRequestException ex) when (TelegramErrors.IsNotModified(ex))
        {
            // The caption already says this (an edit made again after a crash, or the same text).
        }
    }

    /// <summary>Deletes message <paramref name="messageId"/>; one that is already gone counts as deleted.</summary>
    public async Task DeleteAsync(long chatId, int messageId, CancellationToken cancellationToken)
    {
        try
        {
            await _api.CallAsync("deleteMessage", (client, ct) => client.DeleteMessage(chatId, messageId, ct), cancellationToken, maxAttempts: 1).ConfigureAwait(false);
        }
        catch (global::Telegram.Bot.Exceptions.ApiRequestException ex) when (TelegramErrors.IsMessageGone(ex))
        {
            // Someone deleted it already (or a deletion made again after a crash).
        }
    }

    /// <summary>Pins message <paramref name="messageId"/> without notifying the members.</summary>
    public Task PinAsync(long chatId, int messageId, CancellationToken cancellationToken) =>
        _api.CallAsync("pinChatMessage", (client, ct) => client.PinChatMessage(chatId, messageId, disableNotification: true, cancellationToken: ct), cancellationToken, maxAttempts: 1);

    /// <summary>The chat as Telegram describes it (title, names).</summary>
    public Task<ChatFullInfo> ChatAsync(long chatId, CancellationToken cancellationToken) =>
        _api.CallAsync("getChat", (client, ct) => client.GetChat(chatId, ct), cancellationToken, maxAttempts: 1);

    /// <summary>The link preview settings: only the reply's one deep link, else none.</summary>
    public static LinkPreviewOptions Preview(TelegramMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.PreviewUrl is { } url ? new LinkPreviewOptions { Url = url.AbsoluteUri } : NoPreview;
    }

    /// <summary>One button per row for the message's choices.</summary>
    public static InlineKeyboardMarkup? Keyboard(TelegramMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var choices = message.Choices.Where(c => c.Token is not null).Take(10).ToList();
        if (choices.Count == 0)
        {
            return null;
        }

        // The callback data is only the button's token (22 characters, Telegram allows 64 bytes).
        return new InlineKeyboardMarkup(choices.Select(choice => new[] { InlineKeyboardButton.WithCallbackData(Label(choice.Label), choice.Token!) }));
    }

    private static string Label(string label) => label.Length > 64 ? label[..63] + "…" : label;
}
