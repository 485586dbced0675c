using System.Text.Json;
using System.Text.Json.Serialization;
using Telegram.Bot.Requests;

namespace Bot.Telegram.Api;

/// <summary>
/// <c>getUpdates</c> returning each update as raw JSON, so that one update Telegram.Bot cannot
/// read is skipped on its own instead of failing the whole batch (and being fetched forever).
/// </summary>
internal sealed class GetRawUpdatesRequest : RequestBase<JsonElement[]>
{
    public GetRawUpdatesRequest()
        : base("getUpdates")
    {
    }

    /// <summary>The first update to return; confirms every earlier one.</summary>
    [JsonPropertyName("offset")]
    public int? Offset { get; set; }

    /// <summary>Seconds to wait for an update (long polling).</summary>
    [JsonPropertyName("timeout")]
    public int? Timeout { get; set; }

    /// <summary>The update types the bot handles.</summary>
    [JsonPropertyName("allowed_updates")]
    public IEnumerable<string>? AllowedUpdates { get; set; }
}
