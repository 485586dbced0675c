namespace Bot.Core.Moderation;

/// <summary>Which mass mention an announcement carries; only from an explicit option, never from its text.</summary>
public enum MassMention
{
    /// <summary>No mass mention (the default).</summary>
    None,

    /// <summary><c>@everyone</c> (option <c>--iedereen</c> / <c>--everyone</c>).</summary>
    Everyone,

    /// <summary><c>@here</c> (option <c>--hier</c> / <c>--here</c>).</summary>
    Here,
}
