using Bot.Core.Commands;
using Bot.Core.Delivery;
using Bot.Core.Kernel;
using Bot.Core.Replies;
using Bot.Core.Storage;
using Bot.Discord.Rendering;
using Bot.Discord.Rest;

namespace Bot.Discord;

/// <summary>
/// Posts replies to Discord channels (reminders, announcements): <c>POST /channels/{id}/messages</c>, one
/// message per part of a long reply; a reply's image goes with the first part as an attachment (multipart, from
/// the stored bytes: Discord has no upload a later message could point to). Each part posted in an announcement
/// channel (<see cref="ChatKind.Channel"/>) is then published to its followers (<see cref="DiscordCrossposter"/>). Errors become outcomes for the
/// delivery worker as <see cref="DiscordErrors"/> classifies them, with the parts that went before.
/// </summary>
/// <remarks>Without <c>crossposter</c> and <c>images</c> (tests of text posts) nothing is published and a reply's image cannot be sent.</remarks>
internal sealed class DiscordMessenger(DiscordRestClient rest, UiTexts texts, DiscordCrossposter? crossposter = null, ImageStore? images = null) : IMessenger
{
    public PlatformId Platform => DiscordPlatform.Id;

    public Task<DeliveryResult> SendAsync(ChatAddress chat, Reply reply, CancellationToken cancellationToken) => SendAsync(chat, reply, 0, cancellationToken);

    public async Task<DeliveryResult> SendAsync(ChatAddress chat, Reply reply, int firstPart, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentNullException.ThrowIfNull(reply);
        if (chat.Platform != DiscordPlatform.Id)
        {
            return new DeliveryResult(DeliveryOutcome.Failed, $"{chat} is not a Discord channel");
        }

        var sent = 0;
        try
        {
            var messages = DiscordReplyMapper.Map(reply, texts.LanguageOf(null));
            // One attempt per part: the delivery worker owns retries and their timing, and resumes at the part that failed.
            for (var part = firstPart; part < messages.Count; part++)
            {
                Api.CreatedMessage? created;
                if (part == 0 && reply.Image is { } image)
                {
                    if (images is null || await images.ReadAsync(image.Id, cancellationToken) is not { } bytes)
                    {
                        return new DeliveryResult(DeliveryOutcome.Failed, $"image {image.Id} is no longer stored");
                    }

                    created = await rest.CreateMessageWithFileAsync(chat.ChatId, messages[part], bytes, image.FileName, image.ContentType, cancellationToken, maxAttempts: 1);
                }
                else
                {
                    created = await rest.CreateMessageAsync(chat.ChatId, messages[part], cancellationToken, maxAttempts: 1);
                }

                sent++;
                if (created is not null && chat.Kind == ChatKind.Channel && crossposter is not null)
                {
                    await crossposter.PublishAsync(chat.ChatId, created.Id, cancellationToken);
                }
            }

            return DeliveryResult.Sent;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && DiscordErrors.IsCallFailure(ex))
        {
            return DiscordErrors.Classify(ex) with { PartsSent = sent };
        }
    }
}
