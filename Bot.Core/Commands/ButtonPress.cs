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
}
