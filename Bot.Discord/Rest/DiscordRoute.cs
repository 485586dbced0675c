namespace Bot.Discord.Rest;

/// <summary>
/// One REST call's address: the path under the API base (no leading slash), the route template that
/// names its rate-limit bucket, and the major parameter that splits a bucket (channel, webhook).
/// </summary>
internal sealed record DiscordRoute(HttpMethod Method, string Path, string Template, string Major, bool Authorized = true)
{
    /// <summary>Whether repeating the call after it got no answer is harmless (a POST may have created a message).</summary>
    public bool Idempotent => Method != HttpMethod.Post;

    public string Key => $"{Method.Method} {Template}";

    public override string ToString() => Key;
}
