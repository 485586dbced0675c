namespace Bot.Discord;

/// <summary>The <c>Discord</c> configuration section.</summary>
public sealed class DiscordOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Discord";

    /// <summary>The bot token from the developer portal (environment <c>Discord__Token</c>).</summary>
    public string Token { get; set; } = string.Empty;

    /// <summary>The REST base URL, API version included.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://discord.com/api/v10");

    /// <summary>The gateway URL; when empty it comes from <c>GET /gateway/bot</c>.</summary>
    public Uri? GatewayUrl { get; set; }

    /// <summary>The application (client) id; when empty it comes from READY or <c>GET /applications/@me</c>.</summary>
    public string? ApplicationId { get; set; }

    /// <summary>Register the commands in this server only (instant updates) instead of globally.</summary>
    public string? GuildId { get; set; }

    /// <summary>Gateway (default) or Http interactions.</summary>
    public DiscordMode Mode { get; set; } = DiscordMode.Gateway;

    /// <summary>The application's public key (hex), required in Http mode.</summary>
    public string? PublicKey { get; set; }

    /// <summary>Where Http mode listens (Kestrel URLs, semicolon separated).</summary>
    public string HttpUrls { get; set; } = "http://0.0.0.0:8080";

    /// <summary>The path of the interactions endpoint in Http mode.</summary>
    public string HttpPath { get; set; } = "/discord/interactions";

    /// <summary>The file that remembers the hash of the last registered commands; empty for the temp folder.</summary>
    public string? CommandStateFile { get; set; }

    /// <summary>Requests a second, all routes together (Discord's global limit is 50 for one bot).</summary>
    public int PerSecond { get; set; } = 50;

    /// <summary>After this long without an answer from the command, the interaction is deferred (type 5).</summary>
    public TimeSpan DeferAfter { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>Put the catalog's upcoming events in the Events tab of every server where the bot has Manage Events.</summary>
    public bool ScheduledEvents { get; set; } = true;

    /// <summary>How often the servers' events are checked besides every catalog change (hand deletions, passed occurrences, permissions).</summary>
    public TimeSpan ScheduledEventSyncInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The length given to an event without an end (Discord needs one for events outside Discord).</summary>
    public TimeSpan ScheduledEventDefaultLength { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How long <c>/events</c> reuses a server's interested counts before it lists them again.</summary>
    public TimeSpan InterestedCacheFor { get; set; } = TimeSpan.FromMinutes(1);
}
