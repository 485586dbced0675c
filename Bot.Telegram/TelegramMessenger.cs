using System.Collections.Concurrent;
using Bot.Core.Commands;
using Bot.Core.Delivery;
using Bot.Core.Kernel;
using Bot.Core.Replies;
using Bot.Core.Storage;
using Bot.Telegram.Api;
using Bot.Telegram.Rendering;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Bot.Telegram;

/// <summary>
/// Sends reminders and announcements to a Telegram chat (private chat, group or channel). Platform errors become
/// outcomes for the delivery worker as <see cref="TelegramErrors"/> classifies them, with the parts that went before.
/// A reply with an image goes as a photo first (<c>sendPhoto</c>), with the text as its caption when it fits
/// Telegram's 1,024 characters, else followed by the text. The image is uploaded once: the <c>file_id</c> of the
/// first upload is stored and every later chat gets the photo by that id, also after a restart.
/// </summary>
internal sealed class TelegramMessenger : IMessenger
{
    private readonly TelegramReplySender _sender;
    private readonly ImageStore? _images;
    private readonly UiTexts _texts;

    /// <summary>How long a post waits, pending, while another chat uploads its image for the first time.</summary>
    public static readonly TimeSpan UploadWait = TimeSpan.FromSeconds(1);

    /// <summary>One upload of an image at a time, so the chats waiting for its first upload reuse its file_id.</summary>
    private readonly ConcurrentDictionary<long, SemaphoreSlim> _uploads = new();

    /// <summary>Without <paramref name="images"/> (tests of text posts) a reply's image cannot be sent.</summary>
    public TelegramMessenger(TelegramReplySender sender, UiTexts texts, ImageStore? images = null)
    {
        _sender = sender;
        _images = images;
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
            var texts = messages.AsEnumerable();
            if (reply.Image is { } image)
            {
                // Part 0 is the photo; with a caption it is the whole post.
                var caption = FitsCaption(messages) ? messages[0] : null;
                if (firstPart == 0)
                {
                    if (await SendPhotoAsync(chatId, image, caption, sent, cancellationToken).ConfigureAwait(false) is { } missing)
                    {
                        return missing;
                    }
                }

                texts = caption is null ? messages : [];
                firstPart = Math.Max(0, firstPart - 1);
            }

            // One attempt per part: the delivery worker owns retries and their timing, and resumes after the parts that went.
            foreach (var message in texts.Skip(firstPart))
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

    /// <summary>
    /// Sends the photo by its stored file_id, or uploads it (one upload at a time per image: a chat that comes while
    /// another uploads it is told to come back in <see cref="UploadWait"/>, for the file_id). Returns a result only when
    /// it did not send (no image, or wait); Bot API errors are thrown.
    /// </summary>
    private async Task<DeliveryResult?> SendPhotoAsync(long chatId, ReplyImage image, TelegramMessage? caption, List<string> sent, CancellationToken cancellationToken)
    {
        if (_images is null)
        {
            return new DeliveryResult(DeliveryOutcome.Failed, "no image store");
        }

        if (await _images.ReferenceAsync(image.Id, Platform, cancellationToken).ConfigureAwait(false) is { } known)
        {
            try
            {
                sent.Add(Text((await CallSendPhotoAsync(chatId, InputFile.FromFileId(known), caption, cancellationToken).ConfigureAwait(false)).MessageId));
                return null;
            }
            catch (ApiRequestException ex) when (TelegramErrors.IsStaleFile(ex))
            {
                // Telegram no longer takes its own file_id: the stored bytes are uploaded once more (below) and their new id kept.
                await _images.ForgetReferenceAsync(image.Id, Platform, known, CancellationToken.None).ConfigureAwait(false);
            }
        }

        var gate = _uploads.GetOrAdd(image.Id, _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(TimeSpan.Zero, cancellationToken).ConfigureAwait(false))
        {
            // Another chat is uploading it now: come back for its file_id instead of waiting claimed (a kill would
            // leave every waiting post uncertain). Not an attempt.
            return new DeliveryResult(DeliveryOutcome.RateLimited, "waiting for the image's first upload to Telegram", UploadWait);
        }

        try
        {
            if (await _images.ReferenceAsync(image.Id, Platform, cancellationToken).ConfigureAwait(false) is { } uploaded)
            {
                sent.Add(Text((await CallSendPhotoAsync(chatId, InputFile.FromFileId(uploaded), caption, cancellationToken).ConfigureAwait(false)).MessageId));
                return null;
            }

            if (await _images.ReadAsync(image.Id, cancellationToken).ConfigureAwait(false) is not { } bytes)
            {
                return new DeliveryResult(DeliveryOutcome.Failed, $"image {image.Id} is no longer stored");
            }

            using var stream = new MemoryStream(bytes, writable: false);
            var message = await CallSendPhotoAsync(chatId, InputFile.FromStream(stream, image.FileName), caption, cancellationToken).ConfigureAwait(false);
            sent.Add(Text(message.MessageId));
            if (message.Photo is { Length: > 0 } sizes)
            {
                // Any size's id sends the photo again; the largest is the one Telegram shows.
                await _images.SetReferenceAsync(image.Id, Platform, sizes[^1].FileId, CancellationToken.None).ConfigureAwait(false);
            }

            return null;
        }
        finally
        {
            gate.Release();
        }
    }

    private Task<Message> CallSendPhotoAsync(long chatId, InputFile photo, TelegramMessage? caption, CancellationToken cancellationToken) =>
        _sender.Api.CallAsync(
            "sendPhoto",
            (client, ct) => client.SendPhoto(chatId, photo, caption?.Html, caption is null ? default : ParseMode.Html, cancellationToken: ct),
            cancellationToken,
            maxAttempts: 1);

    public async Task<DeliveryResult> EditAsync(ChatAddress chat, IReadOnlyList<string> messageIds, Reply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        ArgumentNullException.ThrowIfNull(reply);
        if (!TryChat(chat, out var chatId) || !TryIds(messageIds, out var ids))
        {
            return new DeliveryResult(DeliveryOutcome.Failed, $"Not a Telegram chat or message: {chat}");
        }

        var messages = TelegramReplyMapper.Map(reply, _texts.LanguageOf(null));
        if (reply.Image is not null)
        {
            return await EditPhotoPostAsync(chatId, ids, messages, cancellationToken).ConfigureAwait(false);
        }

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

    /// <summary>
    /// Edits a post that went as a photo (its first message): with its text as the caption (one message), the caption
    /// is edited (<c>editMessageCaption</c>), if the new text still fits one; else the text messages after the photo
    /// are, as a text post's. The photo itself stays.
    /// </summary>
    private async Task<DeliveryResult> EditPhotoPostAsync(long chatId, List<int> ids, IReadOnlyList<TelegramMessage> messages, CancellationToken cancellationToken)
    {
        try
        {
            if (ids.Count == 1)
            {
                if (!FitsCaption(messages))
                {
                    return new DeliveryResult(DeliveryOutcome.Failed, $"the new text no longer fits the photo's caption ({TelegramHtml.MaxCaptionLength} characters); nothing was changed");
                }

                await _sender.EditCaptionAsync(chatId, ids[0], messages[0], cancellationToken).ConfigureAwait(false);
                return DeliveryResult.Sent with { MessageIds = [Text(ids[0])] };
            }

            var texts = ids.Skip(1).ToList();
            if (messages.Count > texts.Count)
            {
                return TooLong(messages.Count + 1, ids.Count);
            }

            for (var i = 0; i < messages.Count; i++)
            {
                await _sender.EditAsync(chatId, texts[i], messages[i], cancellationToken).ConfigureAwait(false);
            }

            foreach (var extra in texts.Skip(messages.Count))
            {
                await _sender.DeleteAsync(chatId, extra, cancellationToken).ConfigureAwait(false);
            }

            return DeliveryResult.Sent with { MessageIds = [.. ids.Take(messages.Count + 1).Select(Text)] };
        }
        catch (RequestException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return TelegramErrors.Classify(ex);
        }
    }

    /// <summary>Whether the text goes as a photo's caption: one message without buttons, within Telegram's caption length.</summary>
    private static bool FitsCaption(IReadOnlyList<TelegramMessage> messages) =>
        messages.Count == 1 && messages[0].Choices.Count == 0 && TelegramHtml.VisibleLength(messages[0].Html) <= TelegramHtml.MaxCaptionLength;

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
