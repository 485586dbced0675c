using System.Text.Json;

namespace Bot.Core.Delivery;

/// <summary>
/// What a queued post says, as the feature that queued it wrote it: JSON under a kind, stored in the
/// outbox so it survives restarts. Delivery never looks inside; the <see cref="IOutboxPayloadRenderer"/>
/// registered for the kind turns it into the reply when it is sent.
/// </summary>
/// <param name="Kind">Which renderer reads it (column <c>payload_kind</c>).</param>
/// <param name="Json">The post itself (column <c>payload</c>).</param>
internal sealed record OutboxPayload(string Kind, string Json)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>A feature's post, as stored.</summary>
    public static OutboxPayload Of<T>(T post)
        where T : IOutboxPost<T> => new(T.Kind, JsonSerializer.Serialize(post, Options));

    /// <summary>A change to an earlier post, as stored.</summary>
    public static OutboxPayload OfChange<T>(T change)
        where T : IOutboxChange<T> => new(T.Kind, JsonSerializer.Serialize(change, Options));

    /// <summary>Reads a change stored by <see cref="OfChange{T}"/>.</summary>
    public static T ReadChange<T>(string json)
        where T : IOutboxChange<T> => JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"an empty {T.Kind} payload");

    /// <summary>Reads a post stored by <see cref="Of{T}"/>.</summary>
    public static T Read<T>(string json)
        where T : IOutboxPost<T> => JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"an empty {T.Kind} payload");
}
