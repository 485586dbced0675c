using Bot.Core.Kernel;

namespace Bot.Core.Commands;

/// <summary>Someone pressed a button: the token the platform brought back, and who pressed it where.</summary>
/// <param name="Token">The opaque token of <see cref="Replies.ReplyChoice.Token"/>, as the platform returned it (untrusted).</param>
/// <param name="User">Who pressed.</param>
/// <param name="Chat">The chat of the message with the button.</param>
/// <param name="Locale">The presser's language tag as the platform gives it; may be empty.</param>
public sealed record ButtonPress(string Token, UserRef User, ChatAddress Chat, string Locale)
{
    /// <summary>What the platform said about the presser, for its <see cref="IModeratorCheck"/>; null when nothing.</summary>
    public IModeratorEvidence? Evidence { get; init; }

    /// <summary>
    /// The platform's reference to a message the bot may edit later to say how the pressed button's work goes (the
    /// message with the button, or the answer to this press); null when the platform has none. Only that platform's
    /// messenger reads it.
    /// </summary>
    public string? MessageRef { get; init; }
}
