namespace Bot.Core.Commands;

/// <summary>What kind of conversation a request came from.</summary>
public enum ChatKind
{
    /// <summary>A one-to-one chat with the bot (Telegram private chat, Discord DM, the console).</summary>
    Private,

    /// <summary>A group, supergroup, server channel or thread.</summary>
    Group,
}
