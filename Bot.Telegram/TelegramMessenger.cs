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
        var sent = new List<string>();
        try
        {
            // One attempt per part: the delivery worker owns retries and their timing, and resumes after the parts that went.
            foreach (var message in messages.Skip(firstPart))
            {
                var ids = await _sender.SendAsync(chatId, [message], null, cancellationToken, maxAttempts: 1).ConfigureAwait(false);
                sent.AddRange(ids.Select(Text));
            }

            return DeliveryResult.Sent with { MessageIds = sent };
        }
        catch (RequestException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Telegram.Bot reports every failed call so, network trouble included.
            return TelegramErrors.Classify(ex) with { PartsSent = sent.Count, MessageIds = sent };
        }
    }

    public async Task<DeliveryResult> EditAsync(ChatAddress chat, IReadOnlyList<string> messageIds, Reply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        ArgumentNullException.ThrowIfNull(reply);
        if (!TryChat(chat, out var chatId) || !TryIds(messageIds, out var ids))
        {
            return new DeliveryResult(DeliveryOutcome.Failed, $"Not a Telegram chat or message: {chat}");
        }

        var messages = TelegramReplyMapper.Map(reply, _texts.LanguageOf(null));
        if (messages.Count > ids.Count)
        {
            return TooLong(messages.Count, ids.Count);
        }

        try
        {
            for (var i = 0; i < messages.Count; i++)
            {
                await _sender.EditAsync(chatId, ids[i], messages[i], cancellationToken).ConfigureAwait(false);
            }

            foreach (var extra in ids.Skip(messages.Count))
            {
                await _sender.DeleteAsync(chatId, extra, cancellationToken).ConfigureAwait(false);
            }

            return DeliveryResult.Sent with { MessageIds = [.. messageIds.Take(messages.Count)] };
        }
        catch (RequestException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return TelegramErrors.Classify(ex);
        }
    }

    public async Task<DeliveryResult> DeleteAsync(ChatAddress chat, IReadOnlyList<string> messageIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        if (!TryChat(chat, out var chatId) || !TryIds(messageIds, out var ids))
        {
            return new DeliveryResult(DeliveryOutcome.Failed, $"Not a Telegram chat or message: {chat}");
        }

        try
        {
            foreach (var id in ids)
            {
                await _sender.DeleteAsync(chatId, id, cancellationToken).ConfigureAwait(false);
            }

            return DeliveryResult.Sent;
        }
        catch (RequestException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return TelegramErrors.Classify(ex);
        }
    }

    public async Task<DeliveryResult> PinAsync(ChatAddress chat, string messageId, CancellationToken cancellationToken)
    {
        if (!TryChat(chat, out var chatId) || !TryIds([messageId], out var ids))
        {
            return new DeliveryResult(DeliveryOutcome.Failed, $"Not a Telegram chat or message: {chat}");
        }

        try
        {
            await _sender.PinAsync(chatId, ids[0], cancellationToken).ConfigureAwait(false);
            return DeliveryResult.Sent;
        }
        catch (RequestException ex) when (!cancellationToken.IsCancellationRequested)
        {
            var result = TelegramErrors.Classify(ex);

            // No right to pin is not a gone chat: the message stays, unpinned.
            return result.Outcome == DeliveryOutcome.Gone ? result with { Outcome = DeliveryOutcome.Failed } : result;
        }
    }

    public async Task<string?> ChatNameAsync(ChatAddress chat, CancellationToken cancellationToken)
    {
        if (!TryChat(chat, out var chatId))
        {
            return null;
        }

        try
        {
            var info = await _sender.ChatAsync(chatId, cancellationToken).ConfigureAwait(false);
            var person = string.Join(' ', new[] { info.FirstName, info.LastName }.Where(n => !string.IsNullOrEmpty(n)));
            return info.Title ?? (person.Length > 0 ? person : info.Username);
        }
        catch (RequestException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private static DeliveryResult TooLong(int needed, int has) =>
        new(DeliveryOutcome.Failed, $"the new text needs {needed} messages where the post has {has}; nothing was changed");

    private static string Text(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static bool TryChat(ChatAddress chat, out long chatId)
    {
        ArgumentNullException.ThrowIfNull(chat);
        chatId = 0;
        return chat.Platform == TelegramPlatform.Id && long.TryParse(chat.ChatId, System.Globalization.CultureInfo.InvariantCulture, out chatId);
    }

    private static bool TryIds(IReadOnlyList<string> messageIds, out List<int> ids)
    {
        ids = [];
        foreach (var text in messageIds)
        {
            if (!int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var id))
            {
                return false;
            }

            ids.Add(id);
        }

        return true;
    }
}
