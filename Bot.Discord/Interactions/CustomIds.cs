namespace Bot.Discord.Interactions;

/// <summary>
/// Button ids that carry the command to run: <c>run:{command}:{arguments}</c>, at most 100 characters
/// (Discord's limit). The id is data the user can send back, so the command still goes through the router.
/// </summary>
internal static class CustomIds
{
    public const int MaxLength = 100;
    private const string Prefix = "run:";

    /// <summary>The id for a button, or null when it would be longer than Discord allows.</summary>
    public static string? Encode(string command, string arguments)
    {
        ArgumentNullException.ThrowIfNull(command);
        var id = Prefix + command + ":" + (arguments ?? string.Empty);
        return id.Length <= MaxLength && !command.Contains(':', StringComparison.Ordinal) ? id : null;
    }

    public static bool TryDecode(string? customId, out string command, out string arguments)
    {
        command = string.Empty;
        arguments = string.Empty;
        if (customId is null || !customId.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = customId[Prefix.Length..];
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        command = rest[..colon];
        arguments = rest[(colon + 1)..];
        return true;
    }
}
