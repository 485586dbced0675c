using System.Text.Json.Serialization;

namespace Bot.Discord.Api;

/// <summary>Application command option types we use.</summary>
internal static class CommandOptionType
{
    public const int String = 3;
    public const int Attachment = 11;
}

internal sealed record ApplicationCommandOption
{
    [JsonPropertyName("type")]
    public int Type { get; init; }

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("name_localizations"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? NameLocalizations { get; init; }

    [JsonPropertyName("description")]
    public required string Description { get; init; }

    [JsonPropertyName("description_localizations"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? DescriptionLocalizations { get; init; }

    [JsonPropertyName("required")]
    public bool Required { get; init; }

    /// <summary>Only string options have it (null: left out).</summary>
    [JsonPropertyName("autocomplete"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Autocomplete { get; init; }

    [JsonPropertyName("max_length"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MaxLength { get; init; }
}

/// <summary>One entry of the bulk-overwrite body (and of the list Discord returns).</summary>
internal sealed record ApplicationCommand
{
    [JsonPropertyName("id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Id { get; init; }

    [JsonPropertyName("type")]
    public int Type { get; init; } = 1;

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("name_localizations"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? NameLocalizations { get; init; }

    [JsonPropertyName("description")]
    public required string Description { get; init; }

    [JsonPropertyName("description_localizations"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? DescriptionLocalizations { get; init; }

    [JsonPropertyName("options"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ApplicationCommandOption>? Options { get; init; }

    [JsonPropertyName("default_member_permissions"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DefaultMemberPermissions { get; init; }
}

internal sealed record CurrentApplication([property: JsonPropertyName("id")] string Id);

internal sealed record DiscordError(
    [property: JsonPropertyName("code")] int? Code,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("retry_after")] double? RetryAfter,
    [property: JsonPropertyName("global")] bool? Global);

internal sealed record CreatedMessage([property: JsonPropertyName("id")] string Id);

/// <summary>What <c>GET /guilds/{id}</c> says that the bot uses: the server's name.</summary>
internal sealed record GuildInfo([property: JsonPropertyName("id")] string Id, [property: JsonPropertyName("name")] string? Name);
