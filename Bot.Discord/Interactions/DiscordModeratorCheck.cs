using System.Globalization;
using Bot.Core.Commands;
using Bot.Core.Kernel;
using Microsoft.Extensions.Options;

namespace Bot.Discord.Interactions;

/// <summary>
/// Who moderates a Discord channel, from what Discord itself put in the interaction (<see cref="DiscordMember"/>):
/// a member of the server with Manage Server or Administrator in that channel, as Discord computed it, or with one
/// of the roles in <c>Moderation:DiscordRoleIds</c>. No API call: without an interaction from that channel (a DM,
/// another channel, or none) nobody counts.
/// </summary>
internal sealed class DiscordModeratorCheck : IModeratorCheck
{
    private const ulong Administrator = 0x8;
    private const ulong ManageGuild = 0x20;

    private readonly IReadOnlySet<string> _moderatorRoles;

    public DiscordModeratorCheck(IOptions<DiscordModerationOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _moderatorRoles = new HashSet<string>(options.Value.DiscordRoleIds, StringComparer.Ordinal);
    }

    public PlatformId Platform => DiscordPlatform.Id;

    public ValueTask<bool> IsModeratorAsync(ChatAddress chat, UserRef user, IModeratorEvidence? evidence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentNullException.ThrowIfNull(user);
        var moderator = evidence is DiscordMember member
            && member.ChannelId == chat.ChatId
            && member.UserId == user.Id
            && (HasModeratorPermission(member.Permissions) || (member.Roles is { } roles && roles.Any(_moderatorRoles.Contains)));
        return ValueTask.FromResult(moderator);
    }

    /// <summary>Manage Guild or Administrator, from the permissions Discord computed for the member in the channel.</summary>
    private static bool HasModeratorPermission(string? permissions) =>
        ulong.TryParse(permissions, NumberStyles.None, CultureInfo.InvariantCulture, out var bits) && (bits & (Administrator | ManageGuild)) != 0;
}

/// <summary>
/// A server member as Discord described them in an interaction from a server channel (an interaction without a
/// server id carries none, whatever member it claims).
/// </summary>
/// <param name="UserId">The member's user id.</param>
/// <param name="ChannelId">The channel the interaction came from; the permissions are those in it.</param>
/// <param name="Permissions">The member's permissions in the channel, as Discord computed them (a decimal bit set).</param>
/// <param name="Roles">The member's role ids.</param>
/// <param name="GuildId">The server the channel is in (for what is per server, such as its scheduled events).</param>
internal sealed record DiscordMember(string UserId, string ChannelId, string? Permissions, IReadOnlyList<string>? Roles, string? GuildId = null) : IModeratorEvidence
{
    public PlatformId Platform => DiscordPlatform.Id;
}
