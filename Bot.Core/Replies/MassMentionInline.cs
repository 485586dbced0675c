using Markdig.Syntax.Inlines;

namespace Bot.Core.Replies;

/// <summary>
/// <c>@everyone</c> or <c>@here</c> that a moderator asked for with an explicit option. It is a
/// <see cref="LiteralInline"/>, so every renderer shows it as escaped text; only a platform whose mentions ping may
/// write it raw, and only a reply with <see cref="Reply.MassMention"/> lets it ping.
/// Never created from text the user typed.
/// </summary>
public sealed class MassMentionInline : LiteralInline
{
    /// <summary>A mass mention: <paramref name="here"/> for <c>@here</c>, otherwise <c>@everyone</c>.</summary>
    public MassMentionInline(bool here)
        : base(here ? "@here" : "@everyone") => Here = here;

    /// <summary><c>@here</c> rather than <c>@everyone</c>.</summary>
    public bool Here { get; }
}
