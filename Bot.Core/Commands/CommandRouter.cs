using System.Diagnostics;
using Bot.Core.Diagnostics;
using Bot.Core.Kernel;
using Bot.Core.Replies;
using Bot.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Bot.Core.Commands;

/// <summary>
/// Sends each request to its handler, and each button press to the handler behind the button. The one place that
/// decides who may use what: a command's <see cref="CommandDescriptor.Audience"/>, checked by asking the chat's
/// platform (<see cref="ModeratorChecks"/>) on every call where it matters and never otherwise. Unknown commands get
/// a pointer to <c>/help</c>, and a failing handler becomes a polite error instead of an exception or a stack trace.
/// </summary>
public sealed partial class CommandRouter
{
    private readonly CommandRegistry _registry;
    private readonly UiTexts _texts;
    private readonly ModeratorChecks _moderators;
    private readonly ButtonStore _buttons;
    private readonly TimeProvider _time;
    private readonly ILogger<CommandRouter> _logger;

    public CommandRouter(CommandRegistry registry, UiTexts texts, ModeratorChecks moderators, ButtonStore buttons, TimeProvider time, ILogger<CommandRouter> logger)
    {
        _registry = registry;
        _texts = texts;
        _moderators = moderators;
        _buttons = buttons;
        _time = time;
        _logger = logger;
    }

    /// <summary>Every command the router knows.</summary>
    public IReadOnlyList<CommandDescriptor> Commands => _registry.Descriptors;

    /// <summary>Answers one request. The reply's buttons have no tokens yet: see <see cref="IssueButtonsAsync"/>.</summary>
    public async ValueTask<Reply> RouteAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var language = _texts.LanguageOf(request.Locale);
        if (!_registry.TryGet(request.Command, out var handler))
        {
            return await UnknownAsync(request, language, cancellationToken);
        }

        if (!await MayUseAsync(handler.Descriptor.Audience, request.Chat, request.User, request.Evidence, cancellationToken))
        {
            LogRefused(request.Command, request.User.Id, request.Chat.ToString());
            Answered(handler.Descriptor.Name, request.Chat.Platform.ToString(), "refused", 0);
            return UiTexts.Error(language, UiText.ModeratorsOnly);
        }

        var cleaned = request with { Arguments = handler.Descriptor.TakesText ? CommandLine.CleanText(request.Arguments) : CommandLine.Clean(request.Arguments) };
        return await AnswerAsync(handler, cleaned, language, ct => handler.HandleAsync(cleaned, ct), cancellationToken);
    }

    /// <summary>
    /// Answers a button press. An unknown (forged, mangled, long deleted) or expired token gets a polite answer and
    /// does nothing. A command button runs its command for the presser where they pressed, as if typed (so its
    /// audience is checked for them there). A follow-up goes to the handler that issued it, only for the user it was
    /// shown to and only while they are still in the command's audience in the chat where it was shown.
    /// </summary>
    public async ValueTask<Reply> PressAsync(ButtonPress press, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(press);
        var language = _texts.LanguageOf(press.Locale);
        var button = await _buttons.FindAsync(press.Token, cancellationToken);
        if (button is null || !_registry.TryGet(button.Command, out var handler) || (button.IsFollowUp && handler is not IFollowUpHandler))
        {
            LogUnknownButton(press.User.Id, press.Chat.ToString());
            return UiTexts.Error(language, UiText.ButtonUnknown);
        }

        if (button.ExpiresAt <= _time.GetUtcNow())
        {
            return UiTexts.Error(language, UiText.ButtonExpired);
        }

        if (!button.IsFollowUp)
        {
            return await RouteAsync(new CommandRequest(button.Command, button.Payload, press.User, press.Chat, press.Locale) { Evidence = press.Evidence }, cancellationToken);
        }

        if (button.IssuedTo != Actor(press.User, press.Chat))
        {
            LogRefusedButton(button.Command, press.User.Id, press.Chat.ToString());
            return UiTexts.Error(language, UiText.ButtonNotYours);
        }

        if (!await MayUseAsync(handler.Descriptor.Audience, button.Chat, press.User, press.Evidence, cancellationToken))
        {
            LogRefused(button.Command, press.User.Id, button.Chat.ToString());
            return UiTexts.Error(language, UiText.ModeratorsOnly);
        }

        var request = new CommandRequest(button.Command, string.Empty, press.User, press.Chat, press.Locale) { Evidence = press.Evidence, PressedMessage = press.MessageRef };
        return await AnswerAsync(handler, request, language, ct => ((IFollowUpHandler)handler).FollowUpAsync(request, button.Payload, ct), cancellationToken);
    }

    /// <summary>
    /// Gives each of a reply's buttons its token, stored for <see cref="ButtonStore.Lifetime"/>, just before a platform
    /// shows them to <paramref name="user"/> in <paramref name="chat"/>; buttons that cannot be pressed (a command
    /// that does not exist) are dropped. A reply without buttons is returned as it is, without touching the database.
    /// </summary>
    public async ValueTask<Reply> IssueButtonsAsync(Reply reply, UserRef user, ChatAddress chat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(chat);
        var choices = reply.Choices.Where(c => _registry.TryGet(c.Command, out _)).ToList();
        if (choices.Count == 0)
        {
            return reply.Choices.Count == 0 ? reply : reply with { Choices = [] };
        }

        var tokens = await _buttons.IssueAsync(choices.Select(c => (c.Command, c.Arguments, c.IsFollowUp)).ToList(), Actor(user, chat), chat, cancellationToken);
        return reply with { Choices = choices.Select((c, i) => c with { Token = tokens[i] }).ToList() };
    }

    /// <summary>Whether the audience of a command lets <paramref name="user"/> use it in <paramref name="chat"/>; asks the platform only when that decides it.</summary>
    private async ValueTask<bool> MayUseAsync(CommandAudience audience, ChatAddress chat, UserRef user, IModeratorEvidence? evidence, CancellationToken cancellationToken) => audience switch
    {
        CommandAudience.Everyone => true,
        CommandAudience.ModeratorsInGroups when chat.Kind == ChatKind.Private => true,
        _ => await _moderators.IsModeratorAsync(chat, user, evidence, cancellationToken),
    };

    /// <summary>Runs a handler; a failure becomes a polite error, and its follow-up buttons are marked as its own.</summary>
    private async ValueTask<Reply> AnswerAsync(ICommandHandler handler, CommandRequest request, UiLanguage language, Func<CancellationToken, ValueTask<Reply>> answer, CancellationToken cancellationToken)
    {
        Reply reply;
        using var activity = BotTelemetry.Source.StartActivity("bot.answer");
        activity?.SetTag("bot.command", handler.Descriptor.Name);
        var started = _time.GetTimestamp();
        var result = "error";
        try
        {
            reply = await answer(cancellationToken);
            result = reply.IsError ? "error" : "ok";
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogHandlerFailed(ex, request.Command, request.Chat.ToString());
            return UiTexts.Error(language, UiText.SomethingWentWrong);
        }
        finally
        {
            Answered(handler.Descriptor.Name, request.Chat.Platform.ToString(), result, BotTelemetry.Seconds(_time, started));
        }

        return reply.Choices.Any(c => c.IsFollowUp)
            ? reply with { Choices = reply.Choices.Select(c => c.IsFollowUp ? c with { Command = handler.Descriptor.Name } : c).ToList() }
            : reply;
    }

    /// <summary>
    /// "Bedoelde je /summit seoul?" with a button for it, when a command's name is a typo away; else a pointer to
    /// /help. A moderator command is suggested only to a moderator: the platform is asked only when one is nearest.
    /// </summary>
    private static void Answered(string command, string platform, string result, double seconds)
    {
        var tags = new TagList { { "command", command }, { "platform", platform } };
        BotTelemetry.AnswerDuration.Record(seconds, tags);
        tags.Add("result", result);
        BotTelemetry.Answers.Add(1, tags);
    }

    private async ValueTask<Reply> UnknownAsync(CommandRequest request, UiLanguage language, CancellationToken cancellationToken)
    {
        Answered("unknown", request.Chat.Platform.ToString(), "unknown", 0);
        var typed = Sanitize(request.Command);
        var closest = CommandSuggester.Closest(_registry.Descriptors, request.Command, language, isModerator: true);
        if (closest is { Audience: CommandAudience.Moderators } && !await _moderators.IsModeratorAsync(request.Chat, request.User, request.Evidence, cancellationToken))
        {
            closest = CommandSuggester.Closest(_registry.Descriptors, request.Command, language, isModerator: false);
        }

        if (closest is null)
        {
            return UiTexts.Error(language, UiText.UnknownCommand, typed);
        }

        var name = closest.NameFor(language);
        var arguments = closest.TakesText ? CommandLine.CleanText(request.Arguments) : CommandLine.Clean(request.Arguments);
        var line = arguments.Length > 0 ? $"/{name} {arguments}" : "/" + name;
        var reply = UiTexts.Error(language, UiText.UnknownCommandDidYouMean, typed, line.Length > 60 ? "/" + name : line);
        // A button only for a short line: a longer one is hard to read on a button, and free text should be retyped.
        return line.Length <= 60 && !closest.TakesText ? reply with { Choices = [new ReplyChoice(line, name, arguments)] } : reply;
    }

    /// <summary>Who someone is across platforms: <c>{platform}:{user id}</c>, as the audit log writes it.</summary>
    private static string Actor(UserRef user, ChatAddress chat) => $"{chat.Platform}:{user.Id}";

    private static string Sanitize(string command) =>
        command.Length > 32 ? string.Concat(InputSanitizer.Cut(command, 32), "…") : command;

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Refused moderator command /{Command} for user {UserId} in {Chat}")]
    private partial void LogRefused(string command, string userId, string chat);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "Command /{Command} failed in {Chat}")]
    private partial void LogHandlerFailed(Exception exception, string command, string chat);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Refused a button of /{Command} shown to someone else, pressed by user {UserId} in {Chat}")]
    private partial void LogRefusedButton(string command, string userId, string chat);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "A button this bot does not know was pressed by user {UserId} in {Chat}")]
    private partial void LogUnknownButton(string userId, string chat);
}
