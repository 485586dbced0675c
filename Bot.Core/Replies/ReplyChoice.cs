namespace Bot.Core.Replies;

/// <summary>
/// A button. Pressing it runs <see cref="Command"/> with <see cref="Arguments"/> for whoever pressed it, exactly as
/// if they had typed it; or, for a follow-up (<see cref="IsFollowUp"/>), hands <see cref="Arguments"/> to the handler that issued
/// it. Platforms never put the command in the button: they put <see cref="Token"/>, which the router gives out when
/// the reply is shown (<c>CommandRouter.IssueButtonsAsync</c>) and resolves when it comes back.
/// </summary>
/// <param name="Label">Plain-text label.</param>
/// <param name="Command">The command without slash (<c>summit</c>); for a follow-up, the issuing command (set by the router).</param>
/// <param name="Arguments">The command's arguments; for a follow-up, its payload.</param>
public sealed record ReplyChoice(string Label, string Command, string Arguments)
{
    /// <summary>A follow-up of the issuing handler's own (Confirm, Cancel): only the user it was shown to may press it.</summary>
    public bool IsFollowUp { get; init; }

    /// <summary>The opaque token a platform puts in the button; null until the router issued the reply's buttons.</summary>
    public string? Token { get; init; }

    /// <summary>A follow-up button of the handler that returns it, carrying <paramref name="payload"/> back to it.</summary>
    public static ReplyChoice FollowUp(string label, string payload) => new(label, string.Empty, payload) { IsFollowUp = true };
}
