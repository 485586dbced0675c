using Bot.Core.Delivery;
using Bot.Core.Replies;

namespace Bot.Core.Scheduling;

/// <summary>A chat's countdown message as first posted.</summary>
/// <param name="Text">What it says.</param>
internal sealed record CountdownPost(CountdownText Text) : IOutboxPost<CountdownPost>
{
    public static string Kind => "countdown";

    public Reply ToReply() => Text.ToReply();
}

/// <summary>The countdown message edited in place to a later moment; posted again as a post of its own (then pinned) when a member deleted it.</summary>
/// <param name="TargetKey">The outbox key of the countdown's post.</param>
/// <param name="Text">What it says now.</param>
internal sealed record CountdownEdit(string TargetKey, CountdownText Text) : IOutboxChange<CountdownEdit>
{
    public static string Kind => "countdown-edit";

    public Reply? ToReply() => Text.ToReply();

    public OutboxPayload? Repost() => OutboxPayload.Of(new CountdownPost(Text));

    public OutboxPayload? PinRepost(string postKey) => OutboxPayload.OfChange(new CountdownPin(postKey));
}

/// <summary>Pins the countdown message once it is posted.</summary>
/// <param name="TargetKey">The outbox key of the countdown's post.</param>
internal sealed record CountdownPin(string TargetKey) : IOutboxChange<CountdownPin>
{
    public static string Kind => "countdown-pin";

    public bool Pin => true;

    public Reply? ToReply() => null;
}
