using System.Globalization;
using Bot.Discord.Api;

namespace Bot.Discord.ScheduledEvents;

/// <summary>
/// The bot's permissions in a server, computed as Discord's documentation says for the server level: the
/// @everyone role (whose id is the server's), then every role the member has; the owner and Administrator
/// have them all. Channel overwrites do not matter for scheduled events of type EXTERNAL.
/// </summary>
internal static class GuildPermissions
{
    /// <summary>ADMINISTRATOR: every permission.</summary>
    public const ulong Administrator = 1UL << 3;

    /// <summary>MANAGE_EVENTS: create, edit and delete the server's scheduled events.</summary>
    public const ulong ManageEvents = 1UL << 33;

    /// <summary>The bits the member has in the server.</summary>
    public static ulong Compute(string guildId, bool owner, IReadOnlyList<GuildRole> roles, IReadOnlyList<string> memberRoles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(memberRoles);
        if (owner)
        {
            return ulong.MaxValue;
        }

        var held = new HashSet<string>(memberRoles, StringComparer.Ordinal) { guildId };
        var bits = roles.Where(r => held.Contains(r.Id)).Aggregate(0UL, (all, role) => all | Parse(role.Permissions));
        return (bits & Administrator) != 0 ? ulong.MaxValue : bits;
    }

    /// <summary>Whether the bits allow managing the server's events.</summary>
    public static bool CanManageEvents(ulong bits) => (bits & ManageEvents) != 0;

    private static ulong Parse(string? permissions) =>
        ulong.TryParse(permissions, NumberStyles.None, CultureInfo.InvariantCulture, out var bits) ? bits : 0;
}
