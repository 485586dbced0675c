namespace Bot.Core.Moderation;

/// <summary>One row of the audit log.</summary>
/// <param name="At">When.</param>
/// <param name="Actor">Who: <c>{platform}:{user id}</c>.</param>
/// <param name="Action">What (<c>announcement.send</c>, <c>subscribe</c>, …).</param>
/// <param name="Detail">Where, to how many, and the rest.</param>
internal sealed record AuditEntry(DateTimeOffset At, string Actor, string Action, string Detail);
