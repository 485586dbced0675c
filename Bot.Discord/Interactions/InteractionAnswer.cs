namespace Bot.Discord.Interactions;

/// <summary>
/// The answer to an interaction as a message reference the core can keep (<see cref="Bot.Core.Commands.ButtonPress.MessageRef"/>):
/// <c>interaction:{application id}:{interaction token}</c>. The token edits that answer for 15 minutes; it is no bot
/// token and is never logged.
/// </summary>
/// <param name="ApplicationId">The application the interaction was for.</param>
/// <param name="Token">The interaction's token.</param>
internal sealed record InteractionAnswer(string ApplicationId, string Token)
{
    private const string Prefix = "interaction:";

    /// <summary>The reference as stored.</summary>
    public override string ToString() => Prefix + ApplicationId + ":" + Token;

    /// <summary>The answer a post's single message reference names, if it names one.</summary>
    public static bool TryParse(IReadOnlyList<string> messageIds, out InteractionAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        answer = null!;
        if (messageIds is not [var only] || !only.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = only[Prefix.Length..];
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == rest.Length - 1)
        {
            return false;
        }

        answer = new InteractionAnswer(rest[..colon], rest[(colon + 1)..]);
        return true;
    }
}
