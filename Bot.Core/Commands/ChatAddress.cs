namespace Bot.Core.Commands;

/// <summary>A conversation on one platform: a Telegram chat id, a Discord channel id, or the console.</summary>
/// <param name="Platform">The platform the chat lives on.</param>
/// <param name="ChatId">The platform's own id of the chat, as text.</param>
/// <param name="Kind">Private chat or group.</param>
public sealed record ChatAddress(Platform Platform, string ChatId, ChatKind Kind)
{
    /// <summary>The local terminal chat.</summary>
    public static ChatAddress LocalConsole { get; } = new(Platform.Console, "console", ChatKind.Private);

    /// <inheritdoc />
    public override string ToString() => $"{Platform}:{ChatId}";
}
