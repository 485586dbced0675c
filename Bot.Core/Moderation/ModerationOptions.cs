namespace Bot.Core.Moderation;

/// <summary>Moderator settings shared by every platform, section <c>Moderation</c>.</summary>
internal sealed class ModerationOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Moderation";

    /// <summary>The community's IANA time zone: <c>/aankondiging om 2026-12-01 14:00 …</c> means 14:00 there.</summary>
    public string TimeZone { get; set; } = "Europe/Amsterdam";

    /// <summary>How many recent moderator actions <c>/status</c> shows.</summary>
    public int StatusActions { get; set; } = 5;
}
