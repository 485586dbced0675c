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
    public async Task SendAsync(long chatId, IReadOnlyList<TelegramMessage> messages, int? replyTo, CancellationToken cancellationToken, int maxAttempts = TelegramApi.MaxAttempts, int? threadId = null, bool pacedByCaller = false)
    {
        ArgumentNullException.ThrowIfNull(messages);
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            var replyParameters = i == 0 && replyTo is { } id ? new ReplyParameters { MessageId = id, AllowSendingWithoutReply = true } : null;
            await _api.CallAsync(
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
        }
    }

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
