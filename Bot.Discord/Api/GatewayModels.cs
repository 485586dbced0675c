using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bot.Discord.Api;

/// <summary>Gateway opcodes we send or receive.</summary>
internal static class GatewayOpcode
{
    public const int Dispatch = 0;
    public const int Heartbeat = 1;
    public const int Identify = 2;
    public const int Resume = 6;
    public const int Reconnect = 7;
    public const int InvalidSession = 9;
    public const int Hello = 10;
    public const int HeartbeatAck = 11;
}

/// <summary>A frame received from the gateway; <see cref="Data"/> is parsed later by opcode and event name.</summary>
internal sealed record GatewayPayload(
    [property: JsonPropertyName("op")] int Op,
    [property: JsonPropertyName("d")] JsonElement Data,
    [property: JsonPropertyName("s")] long? Sequence,
    [property: JsonPropertyName("t")] string? EventName);

/// <summary>A frame we send: the op code and its data.</summary>
internal sealed record GatewayCommand<T>(
    [property: JsonPropertyName("op")] int Op,
    [property: JsonPropertyName("d")] T Data);

internal sealed record HelloData([property: JsonPropertyName("heartbeat_interval")] int HeartbeatInterval);

internal sealed record IdentifyProperties(
    [property: JsonPropertyName("os")] string Os,
    [property: JsonPropertyName("browser")] string Browser,
    [property: JsonPropertyName("device")] string Device);

internal sealed record IdentifyData(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("intents")] int Intents,
    [property: JsonPropertyName("properties")] IdentifyProperties Properties);

internal sealed record ResumeData(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("session_id")] string SessionId,
    [property: JsonPropertyName("seq")] long? Sequence);

internal sealed record ReadyApplication([property: JsonPropertyName("id")] string Id);

internal sealed record ReadyData(
    [property: JsonPropertyName("v")] int Version,
    [property: JsonPropertyName("user")] DiscordUser? User,
    [property: JsonPropertyName("session_id")] string SessionId,
    [property: JsonPropertyName("resume_gateway_url")] string? ResumeGatewayUrl,
    [property: JsonPropertyName("application")] ReadyApplication? Application);

internal sealed record SessionStartLimit(
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("remaining")] int Remaining,
    [property: JsonPropertyName("reset_after")] long ResetAfter,
    [property: JsonPropertyName("max_concurrency")] int MaxConcurrency);

internal sealed record GatewayBotResponse(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("shards")] int Shards,
    [property: JsonPropertyName("session_start_limit")] SessionStartLimit? SessionStartLimit);
