using Bot.Core.Commands;
using Bot.Core.Delivery;
using Bot.Core.Kernel;
using Bot.Core.Replies;
using Bot.Telegram.Api;
using Bot.Telegram.Rendering;
using Telegram.Bot.Exceptions;

namespace Bot.Telegram;

/// <summary>
/// Sends reminders and announcements to a Telegram chat. Platform errors become outcomes for the
/// delivery worker as <see cref="TelegramErrors"/> classifies them, with the parts that went before.
/// </summary>
internal sealed class TelegramMessenger : IMessenger
{
    private readonly TelegramReplySender _sender;
    private readonly UiTexts _texts;

    public TelegramMessenger(TelegramReplySender sender, UiTexts texts)
    {
        _sender = sender;
        _texts = texts;
    }

    public PlatformId Platform => TelegramPlatform.Id;

    public Task<DeliveryResult> SendAsync(ChatAddress chat, Reply reply, CancellationToken cancellationToken) => SendAsync(chat, reply, 0, cancellationToken);

    public async Task<DeliveryResult> SendAsync(ChatAddress chat, Reply reply, int firstPart, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentNullException.ThrowIfNull(reply);
        if (chat.Platform != TelegramPlatform.Id || !long.TryParse(chat.ChatId, System.Globalization.CultureInfo.InvariantCulture, out var chatId))
        {
            return new DeliveryResult(DeliveryOutcome.Failed, $"Not a Telegram chat: {chat}");
        }

        var messages = TelegramReplyMapper.Map(reply, _texts.LanguageOf(null));
        var sent = 0;
        try
        {
            // One attempt per part: the delivery worker owns retries and their timing, and resumes after the parts that went.
            foreach (var message in messages.Skip(firstPart))
            {
                await _sender.SendAsync(chatId, [message], null, cancellationToken, maxAttempts: 1).ConfigureAwait(false);
                sent++;
            }

            return DeliveryResult.Sent;
        }
        catch (RequestException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Telegram.Bot reports every failed call so, network trouble included.
            return TelegramErrors.Classify(ex) with { PartsSent = sent };
        }
    }
}
