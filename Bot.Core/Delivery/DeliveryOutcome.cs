namespace Bot.Core.Delivery;

/// <summary>What happened to one send.</summary>
public enum DeliveryOutcome
{
    /// <summary>The platform accepted the message.</summary>
    Sent,

    /// <summary>Try again later (rate limit, server error, network trouble).</summary>
    Retry,

    /// <summary>The chat is gone or forbids the bot; stop sending there.</summary>
    Gone,

    /// <summary>The platform refused this message for good.</summary>
    Failed,

    /// <summary>
    /// The request went out but no answer came (a timeout, a connection lost mid-request): the message
    /// may have arrived, so it is not sent again (see <c>uncertain</c> in docs/scheduling.md).
    /// </summary>
    Uncertain,
}
