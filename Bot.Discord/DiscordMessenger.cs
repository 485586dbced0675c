using System.Net;
using Bot.Core.Commands;
using Bot.Core.Delivery;
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

    public Platform Platform => Platform.Discord;

    public async Task<DeliveryResult> SendAsync(ChatAddress chat, Reply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentNullException.ThrowIfNull(reply);
        if (chat.Platform != Platform.Discord)
        {
            return new DeliveryResult(DeliveryOutcome.Failed, $"{chat} is not a Discord channel");
        }

        try
        {
            foreach (var message in DiscordReplyMapper.Map(reply, texts.LanguageOf(null)))
            {
                await rest.CreateMessageAsync(chat.ChatId, message, cancellationToken);
            }

            return DeliveryResult.Sent;
        }
        catch (DiscordApiException ex)
        {
            var reason = $"{(int)ex.Status} {ex.Code}: {ex.Message}";
            return ex.Status switch
            {
                HttpStatusCode.TooManyRequests => new DeliveryResult(DeliveryOutcome.Retry, reason, ex.RetryAfter),
                HttpStatusCode.NotFound or HttpStatusCode.Forbidden when ex.Code is UnknownChannel or MissingAccess or MissingPermissions or null
                    => new DeliveryResult(DeliveryOutcome.Gone, reason),
                >= HttpStatusCode.InternalServerError => new DeliveryResult(DeliveryOutcome.Retry, reason),
                _ => new DeliveryResult(DeliveryOutcome.Failed, reason),
            };
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError)
        {
            // The request never left: safe to try again.
            return new DeliveryResult(DeliveryOutcome.Retry, ex.Message);
        }
        catch (HttpRequestException ex)
        {
            return new DeliveryResult(DeliveryOutcome.Uncertain, "the connection broke during the request: " + ex.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DeliveryResult(DeliveryOutcome.Uncertain, "no answer from Discord within the HTTP timeout");
        }
    }
}
