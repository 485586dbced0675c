using System.Text.Json.Serialization;

namespace Bot.Discord.Api;

/// <summary>One entry of <c>GET /users/@me/guilds</c>: a server the bot is in.</summary>
internal sealed record MyGuild(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("owner")] bool? Owner);

/// <summary>A role of a server (<c>GET /guilds/{id}/roles</c>); the role whose id is the server's is @everyone.</summary>
internal sealed record GuildRole(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("permissions")] string? Permissions);

/// <summary>The bot as a member of a server (<c>GET /guilds/{id}/members/{user}</c>): only its roles matter here.</summary>
internal sealed record GuildMemberRoles([property: JsonPropertyName("roles")] IReadOnlyList<string>? Roles);

/// <summary>The bot's own user (<c>GET /users/@me</c>).</summary>
internal sealed record CurrentUser([property: JsonPropertyName("id")] string Id);

/// <summary><c>entity_metadata</c> of an external scheduled event: where it happens.</summary>
internal sealed record ScheduledEventLocation([property: JsonPropertyName("location")] string Location);

/// <summary>
/// The body that creates or edits an external Guild Scheduled Event (<c>entity_type</c> 3, guild-only
/// privacy 2). External events need an end time and a location.
/// </summary>
internal sealed record ScheduledEventBody
{
    /// <summary>Entity type EXTERNAL: somewhere outside Discord.</summary>
    public const int External = 3;

    /// <summary>Privacy level GUILD_ONLY, the only one Discord accepts.</summary>
    public const int GuildOnly = 2;

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("description")]
    public required string Description { get; init; }

    [JsonPropertyName("scheduled_start_time")]
    public required string ScheduledStartTime { get; init; }

    [JsonPropertyName("scheduled_end_time")]
    public required string ScheduledEndTime { get; init; }

    [JsonPropertyName("privacy_level")]
    public int PrivacyLevel { get; init; } = GuildOnly;

    [JsonPropertyName("entity_type")]
    public int EntityType { get; init; } = External;

    [JsonPropertyName("entity_metadata")]
    public required ScheduledEventLocation EntityMetadata { get; init; }
}

/// <summary>A scheduled event as Discord returns it (only what the sync and <c>/events</c> read).</summary>
internal sealed record ScheduledEvent(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("guild_id")] string? GuildId,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("creator_id")] string? CreatorId,
    [property: JsonPropertyName("scheduled_start_time")] string? ScheduledStartTime,
    [property: JsonPropertyName("status")] int? Status,
    [property: JsonPropertyName("user_count")] int? UserCount);
