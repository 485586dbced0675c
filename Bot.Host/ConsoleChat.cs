using Bot.Core.Commands;
using Bot.Core.Kernel;
using Bot.Core.Replies;
using Bot.Core.Replies.PlainText;

namespace Bot.Host;

/// <summary>Answers one typed line as the local console user, who counts as a moderator (<see cref="ConsolePlatform.OperatorCheck"/>).</summary>
internal static class ConsoleChat
{
    private static readonly UserRef ConsoleUser = new("console", "console");

    public static async Task<string> AnswerAsync(CommandRouter router, string line, string locale, CancellationToken cancellationToken) =>
        PlainTextReplyFormatter.Format(await ReplyAsync(router, line, locale, cancellationToken));

    /// <summary>
    /// The reply to one typed line (its <see cref="Reply.IsError"/> decides <c>ask</c>'s exit code): <c>!</c> and a
    /// token presses that button (as the reply showed it), other text is a command.
    /// </summary>
    public static async Task<Reply> ReplyAsync(CommandRouter router, string line, string locale, CancellationToken cancellationToken)
    {
        var typed = line.Trim();
        if (typed.StartsWith(PlainTextReplyFormatter.PressPrefix, StringComparison.Ordinal))
        {
            var press = new ButtonPress(typed[PlainTextReplyFormatter.PressPrefix.Length..], ConsoleUser, ConsolePlatform.Chat, locale);
            return await ShownAsync(router, await router.PressAsync(press, cancellationToken), cancellationToken);
        }

        // Plain text without a slash is a search, as in a private chat.
        if (!CommandLine.TryParse(line, null, out var command, out var arguments))
        {
            command = "zoek";
            arguments = CommandLine.Clean(line);
        }

        var request = new CommandRequest(command, arguments, ConsoleUser, ConsolePlatform.Chat, locale);
        return await ShownAsync(router, await router.RouteAsync(request, cancellationToken), cancellationToken);
    }

    /// <summary>The reply as the terminal shows it: a command button is the command to type, only follow-ups need their token.</summary>
    private static async Task<Reply> ShownAsync(CommandRouter router, Reply reply, CancellationToken cancellationToken) =>
        reply.Choices.Any(c => c.IsFollowUp) ? await router.IssueButtonsAsync(reply, ConsoleUser, ConsolePlatform.Chat, cancellationToken) : reply;
}
