using Bot.Core.Kernel;
using Bot.Core.Replies;
using Microsoft.Extensions.Logging;

namespace Bot.Core.Commands;

/// <summary>
/// Sends each request to its handler. Unknown commands get a pointer to <c>/help</c>, moderator
/// commands are refused for everyone the adapter did not verify, and a failing handler becomes a
/// polite error instead of an exception or a stack trace.
/// </summary>
public sealed partial class CommandRouter
{
    private readonly CommandRegistry _registry;
    private readonly UiTexts _texts;
    private readonly ILogger<CommandRouter> _logger;

    public CommandRouter(CommandRegistry registry, UiTexts texts, ILogger<CommandRouter> logger)
    {
        _registry = registry;
        _texts = texts;
        _logger = logger;
    }

    /// <summary>Every command the router knows.</summary>
    public IReadOnlyList<CommandDescriptor> Commands => _registry.Descriptors;

    /// <summary>Answers one request.</summary>
    public async ValueTask<Reply> RouteAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var language = _texts.LanguageOf(request.Locale);
        if (!_registry.TryGet(request.Command, out var handler))
        {
            return Unknown(request, language);
        }

        if (handler.Descriptor.ModeratorOnly && !request.IsModerator && !(handler is IAuthorizesFollowUps owner && owner.IsFollowUp(request)))
        {
            LogRefused(request.Command, request.User.Id, request.Chat.ToString());
            return UiTexts.Error(language, UiText.ModeratorsOnly);
        }

        try
        {
            return await handler.HandleAsync(request with { Arguments = handler.Descriptor.TakesText ? CommandLine.CleanText(request.Arguments) : CommandLine.Clean(request.Arguments) }, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogHandlerFailed(ex, request.Command, request.Chat.ToString());
            return UiTexts.Error(language, UiText.SomethingWentWrong);
        }
    }

    /// <summary>"Bedoelde je /summit seoul?" with a button for it, when a command's name is a typo away; else a pointer to /help.</summary>
    private Reply Unknown(CommandRequest request, UiLanguage language)
    {
        var typed = Sanitize(request.Command);
        if (CommandSuggester.Closest(_registry.Descriptors, request.Command, language, request.IsModerator) is not { } closest)
        {
            return UiTexts.Error(language, UiText.UnknownCommand, typed);
        }

        var name = closest.NameFor(language);
        var arguments = closest.TakesText ? CommandLine.CleanText(request.Arguments) : CommandLine.Clean(request.Arguments);
        var line = arguments.Length > 0 ? $"/{name} {arguments}" : "/" + name;
        var reply = UiTexts.Error(language, UiText.UnknownCommandDidYouMean, typed, line.Length > 60 ? "/" + name : line);
        // A button only for a short line: a longer one may be cut by a platform, and free text should be retyped.
        return line.Length <= 60 && !closest.TakesText ? reply with { Choices = [new ReplyChoice(line, name, arguments)] } : reply;
    }

    private static string Sanitize(string command) =>
        command.Length > 32 ? string.Concat(InputSanitizer.Cut(command, 32), "…") : command;

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Refused moderator command /{Command} for user {UserId} in {Chat}")]
    private partial void LogRefused(string command, string userId, string chat);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "Command /{Command} failed in {Chat}")]
    private partial void LogHandlerFailed(Exception exception, string command, string chat);
}
