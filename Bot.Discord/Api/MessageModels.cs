using System.Text.Json.Serialization;

namespace Bot.Discord.Api;

/// <summary>
/// <c>allowed_mentions</c>; we send <c>{"parse":[]}</c> so no text can ping anyone, except an announcement whose
/// moderator asked for <c>@everyone</c>/<c>@here</c> with an explicit option (<c>{"parse":["everyone"]}</c>).
/// </summary>
internal sealed record AllowedMentions([property: JsonPropertyName("parse")] IReadOnlyList<string> Parse)
{
    public static AllowedMentions None { get; } = new([]);

    public static AllowedMentions Everyone { get; } = new(["everyone"]);
}

internal sealed record EmbedFooter([property: JsonPropertyName("text")] string Text);

internal sealed record Embed
{
    [JsonPropertyName("title"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Title { get; init; }

    [JsonPropertyName("url"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Url { get; init; }

    [JsonPropertyName("description"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Description { get; init; }

    [JsonPropertyName("footer"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public EmbedFooter? Footer { get; init; }

    /// <summary>The characters that count toward the 6,000 limit of a message's embeds.</summary>
    [JsonIgnore]
    public int Length => (Title?.Length ?? 0) + (Description?.Length ?? 0) + (Footer?.Text.Length ?? 0);
}

/// <summary>A message component: an action row (type 1) holding buttons (type 2).</summary>
internal sealed record Component
{
    [JsonPropertyName("type")]
    public int Type { get; init; }

    [JsonPropertyName("style"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Style { get; init; }

    [JsonPropertyName("label"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Label { get; init; }

    [JsonPropertyName("custom_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CustomId { get; init; }

    [JsonPropertyName("components"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Component>? Components { get; init; }
}

/// <summary>A file sent with a message: <c>id</c> is the index of its <c>files[n]</c> part in the multipart body.</summary>
internal sealed record MessageAttachment(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("filename")] string FileName);

/// <summary>What the bot reads of a channel (from an interaction, or <c>GET /channels/{id}</c>): its type (5 = announcement channel), name and server.</summary>
internal sealed record ChannelInfo(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("type")] int Type,
    [property: JsonPropertyName("name")] string? Name = null,
    [property: JsonPropertyName("guild_id")] string? GuildId = null)
{
    /// <summary>GUILD_ANNOUNCEMENT: a channel other servers can follow; its messages reach them once published.</summary>
    public const int Announcement = 5;
}

/// <summary>A message body for create message, interaction callbacks, follow-ups and edits.</summary>
internal sealed record MessagePayload
{
    /// <summary>Ephemeral: only the user who ran the command sees it (interactions only).</summary>
    public const int EphemeralFlag = 1 << 6;

    /// <summary>No link previews (used on text-only messages, whose many links would each get one).</summary>
    public const int SuppressEmbedsFlag = 1 << 2;

    [JsonPropertyName("content"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Content { get; init; }

    [JsonPropertyName("embeds"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Embed>? Embeds { get; init; }

    [JsonPropertyName("components"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Component>? Components { get; init; }

    [JsonPropertyName("flags"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Flags { get; init; }

    [JsonPropertyName("attachments"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<MessageAttachment>? Attachments { get; init; }

    [JsonPropertyName("allowed_mentions")]
    public AllowedMentions AllowedMentions { get; init; } = AllowedMentions.None;
}
