using System.Globalization;

namespace Bot.Discord.Rendering;

/// <summary>
/// Discord's timestamp markup (<c>&lt;t:1739174400:F&gt;</c>), which every reader sees in their own
/// time zone, for <see cref="Bot.Core.Events.EventTimeInline"/>s.
/// </summary>
internal static class DiscordTimestamp
{
    /// <summary>Full date and time: <c>&lt;t:unix:F&gt;</c>.</summary>
    public static string Full(DateTimeOffset moment) => Format(moment, 'F');

    /// <summary>Relative ("in 12 days"): <c>&lt;t:unix:R&gt;</c>.</summary>
    public static string Relative(DateTimeOffset moment) => Format(moment, 'R');

    /// <summary>Any style letter Discord knows (t, T, d, D, f, F, R).</summary>
    public static string Format(DateTimeOffset moment, char style) =>
        string.Create(CultureInfo.InvariantCulture, $"<t:{moment.ToUnixTimeSeconds()}:{style}>");
}
