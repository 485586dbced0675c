namespace Bot.Core.Commands;

/// <summary>
/// Who may use a command, declared once on its <see cref="CommandDescriptor"/>. The router enforces it
/// (asking the platform's <see cref="IModeratorCheck"/> only when the answer matters), so handlers never check.
/// </summary>
public enum CommandAudience
{
    /// <summary>Anyone, anywhere; nobody's rights are checked.</summary>
    Everyone,

    /// <summary>Only the moderators of the chat it is used in.</summary>
    Moderators,

    /// <summary>In a group only its moderators; in a private chat its one member, who decides for it (subscriptions).</summary>
    ModeratorsInGroups,
}
