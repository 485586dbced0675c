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
/// delivery worker: 403 (blocked, kicked) and a vanished chat are <see cref="DeliveryOutcome.Gone"/>,
/// 429 is <see cref="DeliveryOutcome.Retry"/> with Telegram's wait, 5xx and a connection that could not be made retry,
/// and a request that got no answer (timeout) is <see cref="DeliveryOutcome.Uncertain"/>: it may have arrived.
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
        catch (ApiRequestException ex) when (ex.ErrorCode == 429)
        {
            return new DeliveryResult(DeliveryOutcome.Retry, Reason(ex), TelegramRetryPolicy.RetryAfter(ex)) { PartsSent = sent };
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 403 || (ex.ErrorCode == 400 && ex.Message.Contains("chat not found", StringComparison.OrdinalIgnoreCase)))
        {
            return new DeliveryResult(DeliveryOutcome.Gone, Reason(ex)) { PartsSent = sent };
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && TelegramRetryPolicy.MayHaveArrived(ex))
        {
            return new DeliveryResult(DeliveryOutcome.Uncertain, "no answer from Telegram: " + Reason(ex)) { PartsSent = sent };
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && TelegramRetryPolicy.IsTransient(ex))
        {
            return new DeliveryResult(DeliveryOutcome.Retry, Reason(ex)) { PartsSent = sent };
        }
        catch (ApiRequestException ex)
        {
            return new DeliveryResult(DeliveryOutcome.Failed, Reason(ex)) { PartsSent = sent };
        }
    }

    private static string Reason(Exception ex) => ex is ApiRequestException api
        ? $"Telegram {api.ErrorCode}: {api.Message}"
        : $"Telegram unreachable: {ex.GetType().Name}";
}
