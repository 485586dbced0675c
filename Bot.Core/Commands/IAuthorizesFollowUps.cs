namespace Bot.Core.Commands;

/// <summary>
/// A moderator-only handler whose follow-ups (the Confirm / Cancel buttons of its own preview) it authorises
/// itself, against the author it stored when a verified moderator made the preview. Needed because the
/// buttons of a private preview are pressed in a private chat, where no group administrator is a moderator.
/// </summary>
public interface IAuthorizesFollowUps
{
    /// <summary>Whether <paramref name="request"/> is such a follow-up; the router then lets it through to the handler.</summary>
    bool IsFollowUp(CommandRequest request);
}
