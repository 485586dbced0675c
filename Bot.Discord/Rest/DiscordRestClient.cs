using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Bot.Core.Delivery;
using Bot.Discord.Api;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Discord.Rest;

/// <summary>
/// The few REST calls the bot makes, over one <see cref="HttpClient"/>: <c>Authorization: Bot …</c>, Discord's
/// <c>User-Agent</c>, rate limits through <see cref="DiscordRateLimiter"/>, and failures retried as
/// <see cref="DiscordErrors"/> classifies them (<see cref="PlatformRetry"/>: a 429 after its <c>retry_after</c>,
/// 5xx and connections that could not be made with back-off, a call without an answer only when it is
/// idempotent: a repeated POST could post a message twice).
/// </summary>
internal sealed class DiscordRestClient
{
    /// <summary>The User-Agent Discord requires: <c>DiscordBot ($url, $version)</c>.</summary>
    public const string UserAgent = "DiscordBot (https://github.com/PauseAI/outreach-bot, 1.0)";

    private readonly HttpClient _http;
    private readonly DiscordRateLimiter _limiter;
    private readonly PlatformRetry _retry;
    private readonly ILogger<DiscordRestClient> _logger;
    private readonly string _token;

    public DiscordRestClient(HttpClient http, DiscordRateLimiter limiter, TimeProvider time, IOptions<DiscordOptions> options, ILogger<DiscordRestClient> logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _limiter = limiter;
        _logger = logger;
        _retry = new PlatformRetry(time, DiscordErrors.Classify, (route, error, delay, attempt) => _logger.Retrying(route, error.Reason, delay, attempt));
        _token = options.Value.Token;
        BaseUrl = BaseOf(options.Value.ApiBaseUrl);
    }

    /// <summary>The API base with exactly one trailing slash, so relative paths land under <c>/api/v10/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>
    /// The base for relative paths: the configured URL with one trailing slash; a bare server URL
    /// (no <c>/api/…</c> path) gets <c>/api/v10</c> appended, since calls without a version reach v6.
    /// </summary>
    public static Uri BaseOf(Uri apiBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(apiBaseUrl);
        var trimmed = apiBaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        var path = new Uri(trimmed + "/").AbsolutePath;
        return new Uri(path.Contains("/api/", StringComparison.Ordinal) ? trimmed + "/" : trimmed + "/api/v10/");
    }

    public async Task<GatewayBotResponse> GetGatewayBotAsync(CancellationToken cancellationToken) =>
        await SendAsync(new DiscordRoute(HttpMethod.Get, "gateway/bot", "gateway/bot", string.Empty), null, DiscordJsonContext.Default.GatewayBotResponse, cancellationToken)
        ?? throw new InvalidOperationException("GET /gateway/bot returned nothing.");

    public async Task<CurrentApplication> GetCurrentApplicationAsync(CancellationToken cancellationToken) =>
        await SendAsync(new DiscordRoute(HttpMethod.Get, "applications/@me", "applications/@me", string.Empty), null, DiscordJsonContext.Default.CurrentApplication, cancellationToken)
        ?? throw new InvalidOperationException("GET /applications/@me returned nothing.");

    public Task<List<ApplicationCommand>?> GetCommandsAsync(string applicationId, string? guildId, CancellationToken cancellationToken)
    {
        var path = CommandsPath(applicationId, guildId);
        return SendAsync(new DiscordRoute(HttpMethod.Get, path + "?with_localizations=true", "applications/:id/commands", applicationId + guildId), null, DiscordJsonContext.Default.ListApplicationCommand, cancellationToken);
    }

    public Task<List<ApplicationCommand>?> BulkOverwriteCommandsAsync(string applicationId, string? guildId, List<ApplicationCommand> commands, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(commands, DiscordJsonContext.Default.ListApplicationCommand);
        var path = CommandsPath(applicationId, guildId);
        return SendAsync(new DiscordRoute(HttpMethod.Put, path, "applications/:id/commands", applicationId + guildId), body, DiscordJsonContext.Default.ListApplicationCommand, cancellationToken);
    }

    public Task CreateInteractionResponseAsync(string interactionId, string interactionToken, byte[] body, CancellationToken cancellationToken) =>
        SendAsync<CreatedMessage>(
            new DiscordRoute(HttpMethod.Post, $"interactions/{Uri.EscapeDataString(interactionId)}/{Uri.EscapeDataString(interactionToken)}/callback", "interactions/:id/:token/callback", interactionId, Authorized: false),
            body,
            null,
            cancellationToken);

    public Task EditOriginalResponseAsync(string applicationId, string interactionToken, MessagePayload message, CancellationToken cancellationToken, int maxAttempts = PlatformRetry.MaxAttempts) =>
        SendAsync<CreatedMessage>(
            new DiscordRoute(HttpMethod.Patch, $"webhooks/{Uri.EscapeDataString(applicationId)}/{Uri.EscapeDataString(interactionToken)}/messages/@original", "webhooks/:id/:token/messages/@original", applicationId + interactionToken, Authorized: false),
            JsonSerializer.SerializeToUtf8Bytes(message, DiscordJsonContext.Default.MessagePayload),
            null,
            cancellationToken,
            maxAttempts);

    public Task CreateFollowupAsync(string applicationId, string interactionToken, MessagePayload message, CancellationToken cancellationToken) =>
        SendAsync<CreatedMessage>(
            new DiscordRoute(HttpMethod.Post, $"webhooks/{Uri.EscapeDataString(applicationId)}/{Uri.EscapeDataString(interactionToken)}", "webhooks/:id/:token", applicationId + interactionToken, Authorized: false),
            JsonSerializer.SerializeToUtf8Bytes(message, DiscordJsonContext.Default.MessagePayload),
            null,
            cancellationToken);

    /// <summary>Posts a message; <paramref name="maxAttempts"/> 1 leaves every retry to the caller (the delivery worker).</summary>
    public Task<CreatedMessage?> CreateMessageAsync(string channelId, MessagePayload message, CancellationToken cancellationToken, int maxAttempts = PlatformRetry.MaxAttempts) =>
        SendAsync(
            new DiscordRoute(HttpMethod.Post, $"channels/{Uri.EscapeDataString(channelId)}/messages", "channels/:id/messages", channelId),
            JsonSerializer.SerializeToUtf8Bytes(message, DiscordJsonContext.Default.MessagePayload),
            DiscordJsonContext.Default.CreatedMessage,
            cancellationToken,
            maxAttempts);

    /// <summary>Replaces a message's content (<c>PATCH /channels/{id}/messages/{id}</c>), one attempt: the delivery worker retries.</summary>
    public Task EditMessageAsync(string channelId, string messageId, MessagePayload message, CancellationToken cancellationToken) =>
        SendAsync<CreatedMessage>(
            new DiscordRoute(HttpMethod.Patch, MessagePath(channelId, messageId), "channels/:id/messages/:id", channelId),
            JsonSerializer.SerializeToUtf8Bytes(message, DiscordJsonContext.Default.MessagePayload),
            null,
            cancellationToken,
            maxAttempts: 1);

    /// <summary>Deletes a message (<c>DELETE /channels/{id}/messages/{id}</c>), one attempt.</summary>
    public Task DeleteMessageAsync(string channelId, string messageId, CancellationToken cancellationToken) =>
        SendAsync<CreatedMessage>(
            new DiscordRoute(HttpMethod.Delete, MessagePath(channelId, messageId), "channels/:id/messages/:id", channelId),
            null,
            null,
            cancellationToken,
            maxAttempts: 1);

    /// <summary>Pins a message (<c>PUT /channels/{id}/pins/{id}</c>), one attempt.</summary>
    public Task PinMessageAsync(string channelId, string messageId, CancellationToken cancellationToken) =>
        SendAsync<CreatedMessage>(
            new DiscordRoute(HttpMethod.Put, $"channels/{Uri.EscapeDataString(channelId)}/pins/{Uri.EscapeDataString(messageId)}", "channels/:id/pins/:id", channelId),
            null,
            null,
            cancellationToken,
            maxAttempts: 1);

    /// <summary>A channel's name and server (<c>GET /channels/{id}</c>).</summary>
    public Task<ChannelInfo?> GetChannelAsync(string channelId, CancellationToken cancellationToken) =>
        SendAsync(new DiscordRoute(HttpMethod.Get, $"channels/{Uri.EscapeDataString(channelId)}", "channels/:id", channelId), null, DiscordJsonContext.Default.ChannelInfo, cancellationToken, maxAttempts: 1);

    /// <summary>A server's name (<c>GET /guilds/{id}</c>).</summary>
    public Task<GuildInfo?> GetGuildAsync(string guildId, CancellationToken cancellationToken) =>
        SendAsync(new DiscordRoute(HttpMethod.Get, $"guilds/{Uri.EscapeDataString(guildId)}", "guilds/:id", guildId), null, DiscordJsonContext.Default.GuildInfo, cancellationToken, maxAttempts: 1);

    private static string MessagePath(string channelId, string messageId) =>
        $"channels/{Uri.EscapeDataString(channelId)}/messages/{Uri.EscapeDataString(messageId)}";

    public async Task<CurrentUser> GetCurrentUserAsync(CancellationToken cancellationToken) =>
        await SendAsync(new DiscordRoute(HttpMethod.Get, "users/@me", "users/@me", string.Empty), null, DiscordJsonContext.Default.CurrentUser, cancellationToken)
        ?? throw new InvalidOperationException("GET /users/@me returned nothing.");

    /// <summary>The servers the bot is in, 200 at a time (Discord's page size) after <paramref name="after"/>.</summary>
    public async Task<List<MyGuild>> GetMyGuildsAsync(string? after, CancellationToken cancellationToken) =>
        await SendAsync(new DiscordRoute(HttpMethod.Get, "users/@me/guilds?limit=200" + (after is null ? string.Empty : "&after=" + Uri.EscapeDataString(after)), "users/@me/guilds", string.Empty), null, DiscordJsonContext.Default.ListMyGuild, cancellationToken)
        ?? [];

    public async Task<List<GuildRole>> GetGuildRolesAsync(string guildId, CancellationToken cancellationToken) =>
        await SendAsync(new DiscordRoute(HttpMethod.Get, $"guilds/{Uri.EscapeDataString(guildId)}/roles", "guilds/:id/roles", guildId), null, DiscordJsonContext.Default.ListGuildRole, cancellationToken)
        ?? [];

    public async Task<GuildMemberRoles> GetGuildMemberAsync(string guildId, string userId, CancellationToken cancellationToken) =>
        await SendAsync(new DiscordRoute(HttpMethod.Get, $"guilds/{Uri.EscapeDataString(guildId)}/members/{Uri.EscapeDataString(userId)}", "guilds/:id/members/:id", guildId), null, DiscordJsonContext.Default.GuildMemberRoles, cancellationToken)
        ?? new GuildMemberRoles([]);

    /// <summary>The server's scheduled events, with how many members marked themselves interested.</summary>
    public async Task<List<ScheduledEvent>> GetScheduledEventsAsync(string guildId, CancellationToken cancellationToken) =>
        await SendAsync(new DiscordRoute(HttpMethod.Get, $"{ScheduledEventsPath(guildId)}?with_user_count=true", "guilds/:id/scheduled-events", guildId), null, DiscordJsonContext.Default.ListScheduledEvent, cancellationToken)
        ?? [];

    /// <summary>Creates a scheduled event. A POST that got no answer is not repeated: the next sync finds it by its marker.</summary>
    public async Task<ScheduledEvent> CreateScheduledEventAsync(string guildId, ScheduledEventBody body, CancellationToken cancellationToken) =>
        await SendAsync(new DiscordRoute(HttpMethod.Post, ScheduledEventsPath(guildId), "guilds/:id/scheduled-events", guildId), JsonSerializer.SerializeToUtf8Bytes(body, DiscordJsonContext.Default.ScheduledEventBody), DiscordJsonContext.Default.ScheduledEvent, cancellationToken)
        ?? throw new InvalidOperationException("POST /guilds/{id}/scheduled-events returned nothing.");

    public Task<ScheduledEvent?> ModifyScheduledEventAsync(string guildId, string scheduledEventId, ScheduledEventBody body, CancellationToken cancellationToken) =>
        SendAsync(new DiscordRoute(HttpMethod.Patch, $"{ScheduledEventsPath(guildId)}/{Uri.EscapeDataString(scheduledEventId)}", "guilds/:id/scheduled-events/:id", guildId), JsonSerializer.SerializeToUtf8Bytes(body, DiscordJsonContext.Default.ScheduledEventBody), DiscordJsonContext.Default.ScheduledEvent, cancellationToken);

    public Task DeleteScheduledEventAsync(string guildId, string scheduledEventId, CancellationToken cancellationToken) =>
        SendAsync<ScheduledEvent>(new DiscordRoute(HttpMethod.Delete, $"{ScheduledEventsPath(guildId)}/{Uri.EscapeDataString(scheduledEventId)}", "guilds/:id/scheduled-events/:id", guildId), null, null, cancellationToken);

    private static string ScheduledEventsPath(string guildId) => $"guilds/{Uri.EscapeDataString(guildId)}/scheduled-events";

    /// <summary>
    /// Posts a message with one file: <c>multipart/form-data</c> with the message as <c>payload_json</c> (naming the
    /// file as attachment 0) and the bytes as <c>files[0]</c>.
    /// </summary>
    public Task<CreatedMessage?> CreateMessageWithFileAsync(string channelId, MessagePayload message, byte[] file, string fileName, string contentType, CancellationToken cancellationToken, int maxAttempts = PlatformRetry.MaxAttempts)
    {
        ArgumentNullException.ThrowIfNull(message);
        var payload = JsonSerializer.SerializeToUtf8Bytes(message with { Attachments = [new MessageAttachment("0", fileName)] }, DiscordJsonContext.Default.MessagePayload);
        return SendAsync(
            new DiscordRoute(HttpMethod.Post, $"channels/{Uri.EscapeDataString(channelId)}/messages", "channels/:id/messages", channelId),
            null,
            DiscordJsonContext.Default.CreatedMessage,
            cancellationToken,
            maxAttempts,
            () =>
            {
                var form = new MultipartFormDataContent();
                var json = new ByteArrayContent(payload);
                json.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                form.Add(json, "payload_json");
                var bytes = new ByteArrayContent(file);
                bytes.Headers.ContentType = new MediaTypeHeaderValue(contentType);
                form.Add(bytes, "files[0]", fileName);
                return form;
            });
    }

    /// <summary>
    /// Publishes a message of an announcement channel to the servers following it
    /// (<c>POST /channels/{id}/messages/{id}/crosspost</c>); one attempt, the caller decides about a 429.
    /// </summary>
    public Task CrosspostAsync(string channelId, string messageId, CancellationToken cancellationToken) =>
        SendAsync(
            new DiscordRoute(HttpMethod.Post, $"channels/{Uri.EscapeDataString(channelId)}/messages/{Uri.EscapeDataString(messageId)}/crosspost", "channels/:id/messages/:id/crosspost", channelId),
            null,
            DiscordJsonContext.Default.CreatedMessage,
            cancellationToken,
            maxAttempts: 1);

    private static string CommandsPath(string applicationId, string? guildId) =>
        string.IsNullOrEmpty(guildId)
            ? $"applications/{Uri.EscapeDataString(applicationId)}/commands"
            : $"applications/{Uri.EscapeDataString(applicationId)}/guilds/{Uri.EscapeDataString(guildId)}/commands";

    /// <summary>Sends a call: a JSON <paramref name="body"/>, or the <paramref name="content"/> made anew for each attempt.</summary>
    private Task<T?> SendAsync<T>(DiscordRoute route, byte[]? body, JsonTypeInfo<T>? resultType, CancellationToken cancellationToken, int maxAttempts = PlatformRetry.MaxAttempts, Func<HttpContent>? content = null)
        where T : class =>
        _retry.RunAsync(route.Key, route.Idempotent, maxAttempts, ct => SendOnceAsync(route, body, content, resultType, ct), cancellationToken);

    private async Task<T?> SendOnceAsync<T>(DiscordRoute route, byte[]? body, Func<HttpContent>? content, JsonTypeInfo<T>? resultType, CancellationToken cancellationToken)
        where T : class
    {
        HttpResponseMessage response;
        using (await _limiter.AcquireAsync(route, cancellationToken))
        {
            using var request = new HttpRequestMessage(route.Method, new Uri(BaseUrl, route.Path));
            if (route.Authorized)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bot", _token);
            }

            request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
            if (content is not null)
            {
                request.Content = content();
            }
            else if (body is not null)
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            }

            response = await _http.SendAsync(request, cancellationToken);
            _limiter.Update(route, response.Headers);
        }

        using (response)
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return resultType is null || bytes.Length == 0 ? null : JsonSerializer.Deserialize(bytes, resultType);
            }

            var error = ReadError(bytes);
            TimeSpan? retryAfter = null;
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var wait = RetryAfter(response, error);
                var global = error?.Global == true || string.Equals(Header(response, "X-RateLimit-Global"), "true", StringComparison.OrdinalIgnoreCase);
                _limiter.Block(route, wait, global);
                _logger.RateLimited(route.Key, wait, global);
                retryAfter = wait;
            }
            else if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                _logger.Unauthorized(route.Key);
            }

            throw new DiscordApiException(response.StatusCode, error?.Code, error?.Message, retryAfter);
        }
    }

    private static TimeSpan RetryAfter(HttpResponseMessage response, DiscordError? error)
    {
        if (error?.RetryAfter is { } seconds && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (double.TryParse(Header(response, "Retry-After"), NumberStyles.Float, CultureInfo.InvariantCulture, out var header) && header >= 0)
        {
            return TimeSpan.FromSeconds(header);
        }

        return TimeSpan.FromSeconds(1);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static DiscordError? ReadError(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(bytes, DiscordJsonContext.Default.DiscordError);
        }
        catch (JsonException)
        {
            // A proxy's HTML error page: no Discord code to report.
            return null;
        }
    }
}
