namespace Bot.Core.Delivery;

/// <summary>How far one broadcast (all outbox rows with one key prefix) has come.</summary>
/// <param name="Pending">Waiting to be sent (including rows waiting for a retry or for the rate limit).</param>
/// <param name="Sending">Being sent right now.</param>
/// <param name="Sent">Accepted by the platform.</param>
/// <param name="Failed">Given up, with the platform's reason (gone channels included).</param>
/// <param name="Uncertain">Interrupted during the send; not resent.</param>
/// <param name="Expired">Not sent because their moment passed.</param>
internal sealed record DeliveryProgress(int Pending, int Sending, int Sent, int Failed, int Uncertain, int Expired)
{
    /// <summary>All rows of the broadcast.</summary>
    public int Total => Pending + Sending + Sent + Failed + Uncertain + Expired;

    /// <summary>True when no row is still to be sent.</summary>
    public bool IsDone => Pending + Sending == 0;

    /// <summary>Rows a moderator cancelled before they went (an announcement withdrawn); not in <see cref="Total"/>.</summary>
    public int Cancelled { get; init; }

    /// <summary>From row counts per stored status (<see cref="OutboxStatus"/>, and <c>cancelled</c>).</summary>
    public static DeliveryProgress From(IReadOnlyDictionary<string, int> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        int Count(string status) => counts.GetValueOrDefault(status);
        return new DeliveryProgress(Count(OutboxStatus.Pending), Count(OutboxStatus.Sending), Count(OutboxStatus.Sent), Count(OutboxStatus.Failed), Count(OutboxStatus.Uncertain), Count(OutboxStatus.Expired))
        {
            Cancelled = Count(OutboxStatus.Cancelled),
        };
    }
}
