using Bot.Core.Commands;
using Bot.Core.Kernel;
using Bot.Core.Replies;
using Bot.Core.Replies.PlainText;

namespace Bot.Host;

/// <summary>Answers one typed line as the local console user, who counts as a moderator.</summary>
internal static class ConsoleChat
{
    private static readonly UserRef ConsoleUser = new("console", "console");

    public static async Task<string> AnswerAsync(CommandRouter router, string line, string locale, CancellationToken cancellationToken) =>
        PlainTextReplyFormatter.Format(await ReplyAsync(router, line, locale, cancellationToken));

    /// <summary>The reply to one typed line (its <see cref="Reply.IsError"/> decides <c>ask</c>'s exit code).</summary>
    public static async Task<Reply> ReplyAsync(CommandRouter router, string line, string locale, CancellationToken cancellationToken)
    {
        // Plain text without a slash is a search, as in a private chat.
        if (!CommandLine.TryParse(line, null, out var command, out var arguments))
        {
            command = "zoek";
            arguments = CommandLine.Clean(line);
        }

        var request = new CommandRequest(command, arguments, ConsoleUser, ConsolePlatform.Chat, locale, IsModerator: true);
        return await router.RouteAsync(request, cancellationToken);
    }
}
