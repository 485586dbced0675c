using System.Net;
using Bot.Core.Delivery;

namespace Bot.Discord.Rest;

/// <summary>
/// The one classifier from what Discord's REST API (or the network on the way) answers to the error
/// model of <see cref="DeliveryOutcome"/>, for posts (<see cref="DiscordMessenger"/>), answers to
/// interactions (<see cref="Interactions.InteractionResponder"/>), the gateway's start and the
/// retries of every REST call (<see cref="DiscordRestClient"/>).
/// </summary>
internal static class DiscordErrors
{
    /// <summary>Discord's JSON error codes of a 403 or 404 that mean the channel (or the interaction) is gone for the bot.</summary>
    internal static readonly IReadOnlySet<int> GoneCodes = new HashSet<int>
    {
        10003, // Unknown Channel
        10004, // Unknown Guild
        10015, // Unknown Webhook (an interaction's token expired)
        10062, // Unknown Interaction
        50001, // Missing Access
        50007, // Cannot send messages to this user
        50013, // Missing Permissions
    };

    /// <summary>Discord's code for a message that is not there (deleted): the channel still is.</summary>
    internal const int UnknownMessage = 10008;

    /// <summary>Whether <paramref name="exception"/> is how a REST call fails (an answer, the network, a timeout) rather than a bug.</summary>
    public static bool IsCallFailure(Exception exception) => exception is DiscordApiException or HttpRequestException or TaskCanceledException;

    /// <summary>
    /// How a failed REST call fits the error model: 429 is rate limited for Discord's <c>retry_after</c>;
    /// 401 unauthorized; 403/404 with one of the <see cref="GoneCodes"/> (or none) gone; other 4xx failed
    /// for good; 5xx transient; a request without an answer uncertain and one that never left transient
    /// (<see cref="NetworkErrors"/>). A cancellation the caller asked for is the caller's to tell apart.
    /// </summary>
    public static DeliveryResult Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            DiscordApiException { Status: HttpStatusCode.TooManyRequests } api => new DeliveryResult(DeliveryOutcome.RateLimited, api.Message, api.RetryAfter ?? TimeSpan.FromSeconds(1)),
            DiscordApiException { Status: HttpStatusCode.Unauthorized } api => new DeliveryResult(DeliveryOutcome.Unauthorized, api.Message),
            DiscordApiException { Status: HttpStatusCode.NotFound, Code: UnknownMessage } api => new DeliveryResult(DeliveryOutcome.MessageGone, api.Message),
            DiscordApiException { Status: HttpStatusCode.Forbidden or HttpStatusCode.NotFound } api when api.Code is not { } code || GoneCodes.Contains(code) => new DeliveryResult(DeliveryOutcome.Gone, api.Message),
            DiscordApiException { Status: >= HttpStatusCode.InternalServerError } api => new DeliveryResult(DeliveryOutcome.Retry, api.Message),
            DiscordApiException api => new DeliveryResult(DeliveryOutcome.Failed, api.Message),
            _ => NetworkErrors.Classify(exception, "Discord") ?? new DeliveryResult(DeliveryOutcome.Failed, $"Discord call failed: {exception.GetType().Name}"),
        };
    }
}
