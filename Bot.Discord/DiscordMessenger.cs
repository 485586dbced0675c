using Bot.Core.Commands;
using Bot.Core.Delivery;
using Bot.Core.Kernel;
using Bot.Core.Replies;
using Bot.Core.Storage;
using Bot.Discord.Interactions;
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

        var sent = new List<string>();
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

                sent.Add(created?.Id ?? string.Empty);
            }

            // In an announcement channel the post is then published, as an outbox row of its own (resumed after a crash).
            return DeliveryResult.Sent with { MessageIds = [.. sent.Where(id => id.Length > 0)], PublishNext = chat.Kind == ChatKind.Channel && crossposter is not null };
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && DiscordErrors.IsCallFailure(ex))
        {
            return DiscordErrors.Classify(ex) with { PartsSent = sent.Count, MessageIds = [.. sent.Where(id => id.Length > 0)] };
        }
    }

    public async Task<DeliveryResult> EditAsync(ChatAddress chat, IReadOnlyList<string> messageIds, Reply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentNullException.ThrowIfNull(messageIds);
        ArgumentNullException.ThrowIfNull(reply);
        var messages = DiscordReplyMapper.Map(reply, texts.LanguageOf(null));
        if (InteractionAnswer.TryParse(messageIds, out var answer))
        {
            return await EditAnswerAsync(answer, messages[0], cancellationToken);
        }

        if (messages.Count > messageIds.Count)
        {
            return new DeliveryResult(DeliveryOutcome.Failed, $"the new text needs {messages.Count} messages where the post has {messageIds.Count}; nothing was changed");
        }

        try
        {
            for (var i = 0; i < messages.Count; i++)
            {
                await rest.EditMessageAsync(chat.ChatId, messageIds[i], messages[i], cancellationToken);
            }

            foreach (var extra in messageIds.Skip(messages.Count))
            {
                await DeleteOneAsync(chat.ChatId, extra, cancellationToken);
            }

            return DeliveryResult.Sent with { MessageIds = [.. messageIds.Take(messages.Count)] };
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && DiscordErrors.IsCallFailure(ex))
        {
            return DiscordErrors.Classify(ex);
        }
    }

    /// <summary>
    /// Edits the answer to an interaction (a moderator's progress message) through the interaction's webhook, which
    /// Discord keeps for 15 minutes: after that (401/404) the message counts as gone, never as a refused bot token.
    /// </summary>
    private async Task<DeliveryResult> EditAnswerAsync(InteractionAnswer answer, Api.MessagePayload message, CancellationToken cancellationToken)
    {
        try
        {
            await rest.EditOriginalResponseAsync(answer.ApplicationId, answer.Token, message with { Components = [] }, cancellationToken, maxAttempts: 1);
            return DeliveryResult.Sent;
        }
        catch (DiscordApiException ex) when (ex.Status is System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.NotFound)
        {
            return new DeliveryResult(DeliveryOutcome.MessageGone, $"the interaction's answer can no longer be edited ({(int)ex.Status} {ex.Code})");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && DiscordErrors.IsCallFailure(ex))
        {
            return DiscordErrors.Classify(ex);
        }
    }

    /// <summary>Publishes each message of a post in an announcement channel (<see cref="DiscordCrossposter"/>); one already published counts as done.</summary>
    public async Task<DeliveryResult> PublishAsync(ChatAddress chat, IReadOnlyList<string> messageIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentNullException.ThrowIfNull(messageIds);
        if (crossposter is null)
        {
            return DeliveryResult.Sent;
        }

        foreach (var id in messageIds)
        {
            if (await crossposter.PublishAsync(chat.ChatId, id, cancellationToken) is { Outcome: not DeliveryOutcome.Sent } refused)
            {
                return refused;
            }
        }

        return DeliveryResult.Sent;
    }

    public async Task<DeliveryResult> DeleteAsync(ChatAddress chat, IReadOnlyList<string> messageIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentNullException.ThrowIfNull(messageIds);
        try
        {
            foreach (var id in messageIds)
            {
                await DeleteOneAsync(chat.ChatId, id, cancellationToken);
            }

            return DeliveryResult.Sent;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && DiscordErrors.IsCallFailure(ex))
        {
            return DiscordErrors.Classify(ex);
        }
    }

    public async Task<DeliveryResult> PinAsync(ChatAddress chat, string messageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        try
        {
            await rest.PinMessageAsync(chat.ChatId, messageId, cancellationToken);
            return DeliveryResult.Sent;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && DiscordErrors.IsCallFailure(ex))
        {
            var result = DiscordErrors.Classify(ex);

            // Missing Manage Messages is no reason to stop posting there: the message stays, unpinned.
            return result.Outcome == DeliveryOutcome.Gone ? result with { Outcome = DeliveryOutcome.Failed } : result;
        }
    }

    public async Task<string?> ChatNameAsync(ChatAddress chat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        try
        {
            var channel = await rest.GetChannelAsync(chat.ChatId, cancellationToken);
            if (channel?.Name is not { } name)
            {
                return null;
            }

            return await GuildNameAsync(channel.GuildId, cancellationToken) is { } server ? $"{server} #{name}" : "#" + name;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && DiscordErrors.IsCallFailure(ex))
        {
            return null;
        }
    }

    /// <summary>The server's name; null when there is none or Discord does not say (the channel's name still serves).</summary>
    private async Task<string?> GuildNameAsync(string? guildId, CancellationToken cancellationToken)
    {
        if (guildId is null)
        {
            return null;
        }

        try
        {
            return (await rest.GetGuildAsync(guildId, cancellationToken))?.Name;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && DiscordErrors.IsCallFailure(ex))
        {
            return null;
        }
    }

    private async Task DeleteOneAsync(string channelId, string messageId, CancellationToken cancellationToken)
    {
        try
        {
            await rest.DeleteMessageAsync(channelId, messageId, cancellationToken);
        }
        catch (DiscordApiException ex) when (ex.Code == DiscordErrors.UnknownMessage)
        {
            // Already gone (deleted by someone, or a deletion made again after a crash).
        }
    }
}
