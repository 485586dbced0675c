using Bot.Core.Kernel;
namespace Bot.Core.Commands;

/// <summary>
/// A platform-neutral command: what the adapter understood from a platform event. Whether the user
/// may use the command is the router's business (<see cref="CommandDescriptor.Audience"/>), not the adapter's.
/// <see cref="Command"/> and <see cref="Arguments"/> always hold <see cref="InputSanitizer.Clean"/>ed text,
/// however the request was made (constructor or <c>with</c>).
/// </summary>
/// <param name="Command">The command name without slash or bot suffix, lower case (<c>summit</c>).</param>
/// <param name="Arguments">Everything after the command, trimmed; empty when there is none.</param>
/// <param name="User">Who asked.</param>
/// <param name="Chat">Where they asked.</param>
/// <param name="Locale">The user's language tag as the platform gives it (<c>nl</c>, <c>en-GB</c>); may be empty.</param>
public sealed record CommandRequest(
    string Command,
    string Arguments,
    UserRef User,
    ChatAddress Chat,
    string Locale)
{
    private readonly string _command = InputSanitizer.Clean(Command);
    private readonly string _arguments = InputSanitizer.Clean(Arguments);

    /// <summary>The command name without slash or bot suffix, lower case (<c>summit</c>).</summary>
    public string Command
    {
        get => _command;
        init => _command = InputSanitizer.Clean(value);
    }

    /// <summary>Everything after the command, trimmed; empty when there is none.</summary>
    public string Arguments
    {
        get => _arguments;
        init => _arguments = InputSanitizer.Clean(value);
    }

    /// <summary>What the platform said about the user, for its <see cref="IModeratorCheck"/>; null when nothing.</summary>
    public IModeratorEvidence? Evidence { get; init; }

    /// <summary>A file sent with the command (an image for an announcement); null when none.</summary>
    public CommandAttachment? Attachment { get; init; }

    /// <summary>For a button's follow-up: <see cref="ButtonPress.MessageRef"/>, the message that may be edited with its progress; null otherwise.</summary>
    public string? PressedMessage { get; init; }
}
