namespace Bot.Core.Kernel;

/// <summary>What kind of conversation a request came from.</summary>
public enum ChatKind
{
    /// <summary>A one-to-one chat with the bot (a private chat, a direct message, the terminal).</summary>
    Private,

    /// <summary>A group, supergroup, server channel or thread.</summary>
    Group,

    /// <summary>
    /// A broadcast channel: only its administrators post, everyone else reads. Limited like a group; its
    /// administrators are its moderators.
    /// </summary>
    Channel,
}
