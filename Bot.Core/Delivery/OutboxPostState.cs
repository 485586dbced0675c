namespace Bot.Core.Delivery;

/// <summary>Where one outbox post stands, for a change to it.</summary>
/// <param name="Status">Its <see cref="OutboxStatus"/>.</param>
/// <param name="MessageIds">The platform's ids of the messages it became, in order (empty until sent, and for posts sent before ids were kept).</param>
/// <param name="PartsSent">Parts of a long post that arrived in earlier attempts.</param>
internal sealed record OutboxPostState(string Status, IReadOnlyList<string> MessageIds, int PartsSent)
{
    /// <summary>The post's outbox key.</summary>
    public string Key { get; init; } = string.Empty;

    /// <summary>The post that brought its message back after a member deleted it, if any: changes go there.</summary>
    public string? ReplacedBy { get; init; }

    /// <summary>True while the post may still be (partly) sent: a change waits for it.</summary>
    public bool IsUnderWay => Status is OutboxStatus.Pending or OutboxStatus.Sending;
}
