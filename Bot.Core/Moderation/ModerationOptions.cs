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

    /// <summary>
    /// A broadcast to at least this many channels has the moderator's message edited with its progress while it runs
    /// (at 30 messages a second, 100 channels take some 3 seconds: fewer would be done before the first edit).
    /// </summary>
    public int ProgressMinChannels { get; set; } = 100;

    /// <summary>The strictest photo limit of the platforms (10 MB; the others allow as much or more): the most an image may be.</summary>
    public const long MaxImageBytes = 10_000_000;

    /// <summary>The largest image an announcement may carry, in bytes (at most <see cref="MaxImageBytes"/>).</summary>
    public long ImageMaxBytes { get; set; } = MaxImageBytes;

    /// <summary>How long fetching an image URL may take, from the first byte of the request to the last of the answer.</summary>
    public TimeSpan ImageFetchTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Lets image URLs reach loopback and private addresses. Only for tests against servers on 127.0.0.1: in a real
    /// bot it would let any moderator make the bot fetch from its own network (cloud metadata, admin pages).
    /// </summary>
    public bool ImageAllowPrivateAddresses { get; set; }
}
