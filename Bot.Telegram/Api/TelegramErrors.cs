using System.Net;
using Bot.Core.Delivery;
using Telegram.Bot.Exceptions;

namespace Bot.Telegram.Api;

/// <summary>
/// The one classifier from what the Bot API (or the network on the way) answers to the error model of
/// <see cref="DeliveryOutcome"/>, for reminders and announcements (<see cref="TelegramMessenger"/>),
/// answers to users (<see cref="TelegramUpdateHandler"/>), start-up and polling
/// (<see cref="TelegramBotService"/>) and the retries of every call (<see cref="TelegramApi"/>).
/// </summary>
internal static class TelegramErrors
{
    /// <summary>
    /// The descriptions of a 400 that mean the chat is gone for the bot: it does not exist (any more),
    /// or the bot may not write there. Compared whole, ignoring case. A group that was upgraded to a
    /// supergroup is gone too: the answer names the new chat (<c>migrate_to_chat_id</c>), which is in the
    /// reason, but subscriptions are not moved there (the chat subscribes again).
    /// </summary>
    internal static readonly IReadOnlyList<string> GoneDescriptions =
    [
        "Bad Request: chat not found",
        "Bad Request: group chat was upgraded to a supergroup chat",
        "Bad Request: have no rights to send a message",
        "Bad Request: not enough rights to send text messages to the chat",
        "Bad Request: need administrator rights in the channel chat",
    ];

    /// <summary>The descriptions of a 400 that mean the message to change is no longer there (the chat still is).</summary>
    internal static readonly IReadOnlyList<string> MessageGoneDescriptions =
    [
        "Bad Request: message to edit not found",
        "Bad Request: message to delete not found",
        "Bad Request: message to pin not found",
        "Bad Request: MESSAGE_ID_INVALID",
    ];

    /// <summary>The starts of the descriptions of a 400 that mean a stored file_id is no longer valid (the file itself is fine: upload it again).</summary>
    internal static readonly IReadOnlyList<string> StaleFileDescriptions =
    [
        "Bad Request: wrong file identifier",
        "Bad Request: wrong remote file identifier specified",
        "Bad Request: file reference expired",
        "Bad Request: FILE_REFERENCE_EXPIRED",
    ];

    /// <summary>Whether Telegram refused a file_id it once gave (sending by it again will not work; uploading the file will).</summary>
    public static bool IsStaleFile(ApiRequestException exception) =>
        exception is { ErrorCode: 400 } && StaleFileDescriptions.Any(d => exception.Message.StartsWith(d, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether an edit was refused because the message already says exactly this.</summary>
    public static bool IsNotModified(ApiRequestException exception) =>
        exception is { ErrorCode: 400 } && exception.Message.StartsWith("Bad Request: message is not modified", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether a change was refused because the message is gone.</summary>
    public static bool IsMessageGone(ApiRequestException exception) =>
        exception is { ErrorCode: 400 } && MessageGoneDescriptions.Contains(exception.Message, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// How a failed Bot API call fits the error model: 429 is rate limited for Telegram's
    /// <c>retry_after</c>; 401 (and 404, Telegram's answer to a token that is no bot's) unauthorized;
    /// 403 (blocked, kicked, deactivated) and the <see cref="GoneDescriptions"/> gone; other 4xx failed
    /// for good; 5xx transient; a request without an answer uncertain and one that never left transient
    /// (<see cref="NetworkErrors"/>). A cancellation the caller asked for is the caller's to tell apart.
    /// </summary>
    public static DeliveryResult Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            ApiRequestException { ErrorCode: 429 } api => new DeliveryResult(DeliveryOutcome.RateLimited, Reason(api), TimeSpan.FromSeconds(Math.Max(1, api.Parameters?.RetryAfter ?? 1))),
            ApiRequestException { ErrorCode: 401 or 404 } api => new DeliveryResult(DeliveryOutcome.Unauthorized, Reason(api)),
            ApiRequestException { ErrorCode: 403 } api => new DeliveryResult(DeliveryOutcome.Gone, Reason(api)),
            ApiRequestException { ErrorCode: 400, Parameters.MigrateToChatId: { } supergroup } api => new DeliveryResult(DeliveryOutcome.Gone, $"{Reason(api)} (now chat {supergroup})"),
            ApiRequestException { ErrorCode: 400 } api when GoneDescriptions.Contains(api.Message, StringComparer.OrdinalIgnoreCase) => new DeliveryResult(DeliveryOutcome.Gone, Reason(api)),
            ApiRequestException { ErrorCode: 400 } api when IsMessageGone(api) => new DeliveryResult(DeliveryOutcome.MessageGone, Reason(api)),
            ApiRequestException { ErrorCode: >= 500 } api => new DeliveryResult(DeliveryOutcome.Retry, Reason(api)),
            ApiRequestException api => new DeliveryResult(DeliveryOutcome.Failed, Reason(api)),

            // An answer that is not the Bot API's JSON (a proxy's error page): its HTTP status says what happened.
            RequestException { HttpStatusCode: HttpStatusCode.TooManyRequests } => new DeliveryResult(DeliveryOutcome.RateLimited, "Telegram 429", TimeSpan.FromSeconds(1)),
            RequestException { HttpStatusCode: { } status } when (int)status >= 500 => new DeliveryResult(DeliveryOutcome.Retry, $"Telegram {(int)status} {status}"),
            _ => NetworkErrors.Classify(exception, "Telegram") ?? new DeliveryResult(DeliveryOutcome.Failed, $"Telegram call failed: {exception.GetType().Name}"),
        };
    }

    /// <summary>The HTTP status Telegram answered with, or 0 for network trouble (for the log).</summary>
    public static int ErrorCode(Exception exception) => exception switch
    {
        ApiRequestException api => api.ErrorCode,
        RequestException { HttpStatusCode: { } status } => (int)status,
        _ => 0,
    };

    // Telegram's description never holds the token; a URL in an exception message might.
    private static string Reason(ApiRequestException api) => $"Telegram {api.ErrorCode}: {api.Message}";
}
