namespace Bot.Core.Kernel;

/// <summary>A conversation on one platform.</summary>
/// <param name="Platform">The platform the chat lives on.</param>
/// <param name="ChatId">The platform's own id of the chat, as text.</param>
/// <param name="Kind">Private chat or group.</param>
public sealed record ChatAddress(PlatformId Platform, string ChatId, ChatKind Kind)
{
    /// <inheritdoc />
    public override string ToString() => $"{Platform}:{ChatId}";
}
