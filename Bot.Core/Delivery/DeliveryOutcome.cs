namespace Bot.Core.Delivery;

/// <summary>
/// What happened to one send: the one error model every platform adapter maps its errors to, for
/// reminders and announcements (the delivery worker) and for answers to users alike. Each adapter
/// has one classifier from its exceptions and HTTP answers to these outcomes.
/// </summary>
public enum DeliveryOutcome
{
    /// <summary>The platform accepted the message.</summary>
    Sent,

    /// <summary>
    /// Transient: try again later (a server error, a connection that could not be made). The platform
    /// did not take the message, so sending it again is safe.
    /// </summary>
    Retry,

    /// <summary>The chat is gone or forbids the bot (deleted, bot removed or blocked); stop sending there.</summary>
    Gone,

    /// <summary>Fatal: the platform refused this message for good (a bad request).</summary>
    Failed,

    /// <summary>
    /// The request went out but no answer came (a timeout, a connection lost mid-request): the message
    /// may have arrived, so it is not sent again (see <c>uncertain</c> in docs/scheduling.md).
    /// </summary>
    Uncertain,

    /// <summary>
    /// The platform asked us to slow down: try again after <see cref="DeliveryResult.RetryAfter"/>. The
    /// message was not taken; a rate limit is not an attempt.
    /// </summary>
    RateLimited,

    /// <summary>
    /// The platform refused our credentials (the bot token is wrong or was revoked). Nothing goes to that
    /// platform until an operator fixes it: not the chat's fault and not the message's, so neither is given up.
    /// </summary>
    Unauthorized,

    /// <summary>
    /// The message to edit, delete or pin is no longer there (someone deleted it); the chat itself still is.
    /// A delete counts it as done; an edit reports it (a countdown posts its message again).
    /// </summary>
    MessageGone,
}
