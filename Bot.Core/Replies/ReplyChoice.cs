namespace Bot.Core.Replies;

/// <summary>A button that runs a command for the user who pressed it.</summary>
/// <param name="Label">Plain-text label.</param>
/// <param name="Command">The command without slash (<c>summit</c>).</param>
/// <param name="Arguments">The command's arguments.</param>
public sealed record ReplyChoice(string Label, string Command, string Arguments);
