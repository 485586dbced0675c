using System.Text;
using Bot.Core.Commands;
using Bot.Core.Replies;

namespace Bot.Telegram.Rendering;

/// <summary>
/// Button callback data: <c>/command arguments</c>, cut to Telegram's 64-byte limit on a
/// character boundary, read back with the same <see cref="CommandLine"/> parser as typed text.
/// </summary>
internal static class TelegramCallbackData
{
    /// <summary>Telegram's limit for callback data, in UTF-8 bytes.</summary>
    public const int MaxBytes = 64;

    public static string For(ReplyChoice choice)
    {
        ArgumentNullException.ThrowIfNull(choice);
        var text = string.IsNullOrWhiteSpace(choice.Arguments) ? "/" + choice.Command : $"/{choice.Command} {choice.Arguments}";
        if (Encoding.UTF8.GetByteCount(text) <= MaxBytes)
        {
            return text;
        }

        var builder = new StringBuilder();
        var bytes = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            bytes += rune.Utf8SequenceLength;
            if (bytes > MaxBytes)
            {
                break;
            }

            builder.Append(rune.ToString());
        }

        return builder.ToString().TrimEnd();
    }

    public static bool TryParse(string? data, out string command, out string arguments) =>
        CommandLine.TryParse(data, null, out command, out arguments);
}
