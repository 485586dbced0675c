using Bot.Core.Replies;

namespace Bot.Telegram.Rendering;

/// <summary>One Telegram message of a rendered reply.</summary>
/// <param name="Html">Text in Telegram's HTML parse mode, at most 4,096 characters.</param>
/// <param name="PreviewUrl">The one link to preview; null disables link previews.</param>
/// <param name="Choices">Buttons under the message.</param>
internal sealed record TelegramMessage(string Html, Uri? PreviewUrl, IReadOnlyList<ReplyChoice> Choices);
