using Bot.Core.Replies;

namespace Bot.Core.Delivery;

/// <summary>The renderer of a post that renders itself.</summary>
internal sealed class OutboxPostRenderer<T> : IOutboxPayloadRenderer
    where T : IOutboxPost<T>
{
    public string Kind => T.Kind;

    public Reply Render(string json) => OutboxPayload.Read<T>(json).ToReply();
}
