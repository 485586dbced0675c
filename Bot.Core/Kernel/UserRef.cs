namespace Bot.Core.Kernel;

/// <summary>The person who sent a request.</summary>
/// <param name="Id">The platform's id of the user, as text.</param>
/// <param name="DisplayName">A name to show (never used to decide anything).</param>
public sealed record UserRef(string Id, string DisplayName);
