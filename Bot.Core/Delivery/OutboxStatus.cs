namespace Bot.Core.Delivery;

/// <summary>The states of an outbox row, as stored.</summary>
internal static class OutboxStatus
{
    /// <summary>Waiting to be sent (again).</summary>
    public const string Pending = "pending";

    /// <summary>Claimed by a worker that is sending it right now.</summary>
    public const string Sending = "sending";

    /// <summary>The platform accepted it.</summary>
    public const string Sent = "sent";

    /// <summary>Given up: the platform's reason is in <c>last_error</c>.</summary>
    public const string Failed = "failed";

    /// <summary>Not sent because its moment passed (the event already began).</summary>
    public const string Expired = "expired";

    /// <summary>A worker died during the send: it may or may not have arrived; never resent.</summary>
    public const string Uncertain = "uncertain";

    /// <summary>A moderator withdrew the announcement before this row went.</summary>
    public const string Cancelled = "cancelled";
}
