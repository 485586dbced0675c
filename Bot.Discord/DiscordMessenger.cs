using System.Net;
using Bot.Core.Commands;
using Bot.Core.Delivery;
using Bot.Core.Kernel;
using Bot.Core.Replies;
using Bot.Discord.Rendering;
using Bot.Discord.Rest;

namespace Bot.Discord;

/// <summary>
/// Posts replies to Discord channels (reminders, announcements): <c>POST /channels/{id}/messages</c>, one
/// message per part of a long reply. Missing Access / Unknown Channel mean the channel is gone for us.
/// </summary>
internal sealed class DiscordMessenger(DiscordRestClient rest, UiTexts texts) : IMessenger
{
    private const int UnknownChannel = 10003;
    private const int MissingAccess = 50001;
    private const int MissingPermissions = 50013;

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
            // After a failure the worker resumes at the part that failed, not at the first.
            foreach (var message in DiscordReplyMapper.Map(reply, texts.LanguageOf(null)).Skip(firstPart))
            {
                await rest.CreateMessageAsync(chat.ChatId, message, cancellationToken);
                sent++;
            }

            return DeliveryResult.Sent;
        }
        catch (DiscordApiException ex)
        {
            var reason = $"{(int)ex.Status} {ex.Code}: {ex.Message}";
            return ex.Status switch
            {
                HttpStatusCode.TooManyRequests => new DeliveryResult(DeliveryOutcome.Retry, reason, ex.RetryAfter) { PartsSent = sent },
                HttpStatusCode.NotFound or HttpStatusCode.Forbidden when ex.Code is UnknownChannel or MissingAccess or MissingPermissions or null
                    => new DeliveryResult(DeliveryOutcome.Gone, reason) { PartsSent = sent },
                >= HttpStatusCode.InternalServerError => new DeliveryResult(DeliveryOutcome.Retry, reason) { PartsSent = sent },
                _ => new DeliveryResult(DeliveryOutcome.Failed, reason) { PartsSent = sent },
            };
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError)
        {
            // The request never left: safe to try again.
            return new DeliveryResult(DeliveryOutcome.Retry, ex.Message) { PartsSent = sent };
        }
        catch (HttpRequestException ex)
        {
            return new DeliveryResult(DeliveryOutcome.Uncertain, "the connection broke during the request: " + ex.Message) { PartsSent = sent };
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DeliveryResult(DeliveryOutcome.Uncertain, "no answer from Discord within the HTTP timeout") { PartsSent = sent };
        }
    }
}
