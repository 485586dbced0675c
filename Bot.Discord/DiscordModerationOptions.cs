namespace Bot.Discord;

/// <summary>Moderator settings for Discord, section <c>Moderation</c>.</summary>
internal sealed class DiscordModerationOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Moderation";

    /// <summary>Role ids whose members moderate, besides members with Manage Server or Administrator.</summary>
    public IList<string> DiscordRoleIds { get; } = [];
}
