using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bot.Discord.Api;

/// <summary>Interaction types Discord sends.</summary>
internal static class InteractionType
{
    public const int Ping = 1;
    public const int ApplicationCommand = 2;
    public const int MessageComponent = 3;
    public const int Autocomplete = 4;
}

/// <summary>Interaction callback types we answer with.</summary>
internal static class InteractionCallbackType
{
    public const int Pong = 1;
    public const int ChannelMessage = 4;
    public const int DeferredChannelMessage = 5;
    public const int AutocompleteResult = 8;
}

internal sealed record DiscordUser(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("username")] string? Username,
    [property: JsonPropertyName("global_name")] string? GlobalName);

internal sealed record GuildMember(
    [property: JsonPropertyName("user")] DiscordUser? User,
    [property: JsonPropertyName("nick")] string? Nick,
    [property: JsonPropertyName("permissions")] string? Permissions,
    [property: JsonPropertyName("roles")] IReadOnlyList<string>? Roles = null);

internal sealed record InteractionOption(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type")] int Type,
    [property: JsonPropertyName("value")] JsonElement? Value,
    [property: JsonPropertyName("options")] IReadOnlyList<InteractionOption>? Options,
    [property: JsonPropertyName("focused")] bool? Focused);

internal sealed record InteractionData(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("type")] int? Type,
    [property: JsonPropertyName("options")] IReadOnlyList<InteractionOption>? Options,
    [property: JsonPropertyName("custom_id")] string? CustomId,
    [property: JsonPropertyName("component_type")] int? ComponentType,
    [property: JsonPropertyName("resolved")] ResolvedData? Resolved = null);

/// <summary>The objects an interaction's options refer to by id (only the attachments are read).</summary>
internal sealed record ResolvedData([property: JsonPropertyName("attachments")] IReadOnlyDictionary<string, ResolvedAttachment>? Attachments);

/// <summary>A file a user attached to a slash command's attachment option: Discord has it on its CDN already.</summary>
internal sealed record ResolvedAttachment(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("filename")] string? FileName,
    [property: JsonPropertyName("size")] long? Size,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("content_type")] string? ContentType);

internal sealed record Interaction(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("application_id")] string ApplicationId,
    [property: JsonPropertyName("type")] int Type,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("data")] InteractionData? Data,
    [property: JsonPropertyName("guild_id")] string? GuildId,
    [property: JsonPropertyName("channel_id")] string? ChannelId,
    [property: JsonPropertyName("member")] GuildMember? Member,
    [property: JsonPropertyName("user")] DiscordUser? User,
    [property: JsonPropertyName("locale")] string? Locale,
    [property: JsonPropertyName("guild_locale")] string? GuildLocale,
    [property: JsonPropertyName("message")] InteractionMessage? Message = null,
    [property: JsonPropertyName("channel")] ChannelInfo? Channel = null);

/// <summary>The message a pressed component was on (only what we read of it).</summary>
internal sealed record InteractionMessage([property: JsonPropertyName("flags")] int? Flags);

internal sealed record AutocompleteChoice(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("value")] string Value);

internal sealed record AutocompleteData([property: JsonPropertyName("choices")] IReadOnlyList<AutocompleteChoice> Choices);

/// <summary>An interaction callback body: <c>{type, data}</c>. Data is a message, autocomplete choices or nothing.</summary>
internal sealed record InteractionResponse(
    [property: JsonPropertyName("type")] int Type,
    [property: JsonPropertyName("data"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] MessagePayload? Message = null);

/// <summary>The autocomplete callback body (separate shape because <c>data</c> differs).</summary>
internal sealed record AutocompleteResponse(
    [property: JsonPropertyName("type")] int Type,
    [property: JsonPropertyName("data")] AutocompleteData Data);
