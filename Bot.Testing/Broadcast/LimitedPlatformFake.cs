using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Bot.Testing.BotApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Testing.Broadcast;

/// <summary>
/// A loopback Kestrel server that plays both Telegram's <c>sendMessage</c> and Discord's
/// <c>POST /channels/{id}/messages</c>, enforcing <see cref="FakePlatformLimits"/> the way the platforms do:
/// over the limit it answers 429 with <c>retry_after</c> (Discord: <c>global: true</c> for the global
/// limit) and does not deliver. It counts every delivery per chat and every 429, and can play chats
/// that are gone (Telegram 403, Discord 50001 Missing Access / 10003 Unknown Channel). For answers it
/// also plays the rest of the Bot API a polling bot uses (<c>getMe</c>, <c>deleteWebhook</c>,
/// <c>setMyCommands</c>, <c>getUpdates</c> from <see cref="Updates"/>), records every <c>sendMessage</c>
/// (<see cref="TelegramSends"/>) and can answer a chat's next one with a 429 of its own (<see cref="ForcedRetryAfter"/>).
/// </summary>
internal sealed class LimitedPlatformFake : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly FakePlatformLimits _limits;
    private readonly SlidingLimit _telegramGlobal;
    private readonly SlidingLimit _discordGlobal;
    private readonly ConcurrentDictionary<string, SlidingLimit> _telegramChats = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SlidingLimit> _telegramGroups = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SlidingLimit> _discordChannels = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<long> _telegramArrivals = new();
    private readonly ConcurrentQueue<long> _discordArrivals = new();
    private readonly ConcurrentQueue<TelegramSend> _telegramSends = new();
    private int _telegram429;
    private int _telegramEdits;
    private int _discord429;
    private int _messageId;

    private LimitedPlatformFake(WebApplication app, FakePlatformLimits limits)
    {
        _app = app;
        _limits = limits;
        var second = TimeSpan.FromSeconds(1) - limits.JitterAllowance;
        _telegramGlobal = new SlidingLimit(limits.TelegramPerSecond, second);
        _discordGlobal = new SlidingLimit(limits.DiscordPerSecond, second);
    }

    /// <summary>The server's base address (<c>http://127.0.0.1:port</c>).</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Telegram chats that answer 403 (the bot was kicked).</summary>
    public ConcurrentDictionary<string, bool> GoneTelegramChats { get; } = new(StringComparer.Ordinal);

    /// <summary>Discord channels that answer 404 Unknown Channel (true) or 403 Missing Access (false).</summary>
    public ConcurrentDictionary<string, bool> GoneDiscordChannels { get; } = new(StringComparer.Ordinal);

    /// <summary>Messages delivered per Telegram chat.</summary>
    public ConcurrentDictionary<string, int> TelegramDelivered { get; } = new(StringComparer.Ordinal);

    /// <summary>Messages delivered per Discord channel.</summary>
    public ConcurrentDictionary<string, int> DiscordDelivered { get; } = new(StringComparer.Ordinal);

    /// <summary>429 answers given by the Telegram side.</summary>
    public int Telegram429 => Volatile.Read(ref _telegram429);

    /// <summary>Telegram <c>editMessageText</c> calls that were answered (a moderator's progress message), counted in the same overall window as sends.</summary>
    public int TelegramEdits => Volatile.Read(ref _telegramEdits);

    /// <summary>429 answers given by the Discord side.</summary>
    public int Discord429 => Volatile.Read(ref _discord429);

    /// <summary>Arrival timestamps of delivered Telegram messages.</summary>
    public IReadOnlyList<long> TelegramArrivals => [.. _telegramArrivals];

    /// <summary>Arrival timestamps of delivered Discord messages.</summary>
    public IReadOnlyList<long> DiscordArrivals => [.. _discordArrivals];

    /// <summary>Every Telegram <c>sendMessage</c> that reached the fake, delivered or not, in order of arrival.</summary>
    public IReadOnlyList<TelegramSend> TelegramSends => [.. _telegramSends];

    /// <summary>
    /// Telegram chats whose next <c>sendMessage</c> is answered 429 with this <c>retry_after</c> (seconds),
    /// whatever the limits; the entry is used up by it. Such 429s are not counted in <see cref="Telegram429"/>.
    /// </summary>
    public ConcurrentDictionary<string, int> ForcedRetryAfter { get; } = new(StringComparer.Ordinal);

    /// <summary>The Telegram updates <c>getUpdates</c> hands out.</summary>
    public TelegramUpdateFeed Updates { get; } = new();

    /// <summary>The limits this fake enforces.</summary>
    public FakePlatformLimits Limits => _limits;

    /// <summary>Starts the server on a free loopback port.</summary>
    public static async Task<LimitedPlatformFake> StartAsync(FakePlatformLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var fake = new LimitedPlatformFake(app, limits);
        app.MapPost("/bot{token}/sendMessage", fake.TelegramSendAsync);
        app.MapPost("/bot{token}/editMessageText", fake.TelegramEditAsync);
        app.Map("/bot{token}/{method}", (HttpContext context, string method) => fake.TelegramOtherAsync(context, method));
        app.MapPost("/api/v10/channels/{channel}/messages", (HttpContext context, string channel) => fake.DiscordSendAsync(context, channel));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        fake.BaseUrl = new Uri(address);
        return fake;
    }

    /// <summary>
    /// Messages a second reached in steady state: deliveries after the first window's burst over the
    /// time they took (the first <paramref name="burst"/> arrive at once, as any window allows).
    /// </summary>
    public static double SteadyRate(IReadOnlyList<long> arrivals, int burst)
    {
        ArgumentNullException.ThrowIfNull(arrivals);
        if (arrivals.Count <= burst)
        {
            return double.NaN;
        }

        var sorted = arrivals.Order().ToList();
        var seconds = TimeProvider.System.GetElapsedTime(sorted[0], sorted[^1]).TotalSeconds;
        return (sorted.Count - burst) / seconds;
    }

    public async ValueTask DisposeAsync()
    {
        Updates.Stop();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Updates.Dispose();
    }

    private async Task TelegramSendAsync(HttpContext context)
    {
        var now = TimeProvider.System.GetTimestamp();
        var body = await BotApiJson.ReadParametersAsync(context.Request);
        var chat = body["chat_id"]?.ToString() ?? string.Empty;
        var replyTo = body["reply_parameters"]?["message_id"]?.GetValue<int>();
        var text = body["text"]?.GetValue<string>();
        var (status, answer) = await TelegramAnswerAsync(chat, now);
        _telegramSends.Enqueue(new TelegramSend(chat, now, TimeProvider.System.GetTimestamp(), status, replyTo, text));
        await BotApiJson.WriteAsync(context, status, answer);
    }

    /// <summary>An edit takes room in the overall and the chat's window like a send; beyond them, 429.</summary>
    private async Task TelegramEditAsync(HttpContext context)
    {
        var now = TimeProvider.System.GetTimestamp();
        var body = await BotApiJson.ReadParametersAsync(context.Request);
        var chat = body["chat_id"]?.ToString() ?? string.Empty;
        var perChat = _telegramChats.GetOrAdd(chat, _ => new SlidingLimit(_limits.TelegramPerChatPerSecond, TimeSpan.FromSeconds(1) - _limits.JitterAllowance));
        var admitted = _telegramGlobal.TryAdmit(now) && perChat.TryAdmit(now);
        await Task.Delay(_limits.Latency, TimeProvider.System);
        if (!admitted)
        {
            Interlocked.Increment(ref _telegram429);
            await BotApiJson.WriteAsync(context, 429, BotApiJson.Error(429, "Too Many Requests: retry after 1", 1));
            return;
        }

        Interlocked.Increment(ref _telegramEdits);
        var message = body["message_id"]?.GetValue<int>() ?? 0;
        await BotApiJson.WriteAsync(context, 200, BotApiJson.Ok(BotApiJson.SentMessage(message, long.Parse(chat, CultureInfo.InvariantCulture))));
    }

    /// <summary>Telegram's answer to a sendMessage to <paramref name="chat"/> arriving at <paramref name="now"/>, after the latency.</summary>
    private async Task<(int Status, string Body)> TelegramAnswerAsync(string chat, long now)
    {
        if (GoneTelegramChats.ContainsKey(chat))
        {
            await Task.Delay(_limits.Latency, TimeProvider.System);
            return (403, BotApiJson.Error(403, "Forbidden: bot was kicked from the group chat"));
        }

        if (ForcedRetryAfter.TryRemove(chat, out var forced))
        {
            await Task.Delay(_limits.Latency, TimeProvider.System);
            return (429, BotApiJson.Error(429, $"Too Many Requests: retry after {forced}", forced));
        }

        var second = TimeSpan.FromSeconds(1) - _limits.JitterAllowance;
        var minute = TimeSpan.FromMinutes(1) - _limits.JitterAllowance;
        var perChat = _telegramChats.GetOrAdd(chat, _ => new SlidingLimit(_limits.TelegramPerChatPerSecond, second));
        var perGroup = _telegramGroups.GetOrAdd(chat, _ => new SlidingLimit(_limits.TelegramGroupPerMinute, minute));
        // Group chats have negative ids in Telegram.
        var admitted = _telegramGlobal.TryAdmit(now) && perChat.TryAdmit(now) && (!chat.StartsWith('-') || perGroup.TryAdmit(now));
        await Task.Delay(_limits.Latency, TimeProvider.System);
        if (!admitted)
        {
            Interlocked.Increment(ref _telegram429);
            return (429, BotApiJson.Error(429, "Too Many Requests: retry after 1", 1));
        }

        TelegramDelivered.AddOrUpdate(chat, 1, (_, n) => n + 1);
        _telegramArrivals.Enqueue(now);
        return (200, BotApiJson.Ok(BotApiJson.SentMessage(Interlocked.Increment(ref _messageId), long.Parse(chat, CultureInfo.InvariantCulture))));
    }

    /// <summary>The Bot API methods a polling bot calls besides sendMessage.</summary>
    private async Task TelegramOtherAsync(HttpContext context, string method)
    {
        var parameters = await BotApiJson.ReadParametersAsync(context.Request);
        var answer = method.ToLowerInvariant() switch
        {
            "getupdates" => await Updates.GetUpdatesAsync(parameters, context.RequestAborted),
            "getme" => BotApiJson.Ok(BotApiJson.Me("LoadTestBot")),
            "deletewebhook" or "setmycommands" => BotApiJson.Ok(true),
            _ => null,
        };
        await BotApiJson.WriteAsync(context, answer is null ? 404 : 200, answer ?? BotApiJson.Error(404, "Not Found: method not found"));
    }

    private async Task DiscordSendAsync(HttpContext context, string channel)
    {
        var now = TimeProvider.System.GetTimestamp();
        await Task.Delay(_limits.Latency, TimeProvider.System);
        if (GoneDiscordChannels.TryGetValue(channel, out var unknown))
        {
            await WriteAsync(context, unknown ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden, unknown
                ? new JsonObject { ["message"] = "Unknown Channel", ["code"] = 10003 }
                : new JsonObject { ["message"] = "Missing Access", ["code"] = 50001 });
            return;
        }

        if (!_discordGlobal.TryAdmit(now))
        {
            Interlocked.Increment(ref _discord429);
            context.Response.Headers["Retry-After"] = "1";
            context.Response.Headers["X-RateLimit-Global"] = "true";
            context.Response.Headers["X-RateLimit-Scope"] = "global";
            await WriteAsync(context, HttpStatusCode.TooManyRequests, new JsonObject { ["message"] = "You are being rate limited.", ["retry_after"] = 0.5, ["global"] = true });
            return;
        }

        var bucket = _discordChannels.GetOrAdd(channel, _ => new SlidingLimit(_limits.DiscordChannelBucket, TimeSpan.FromSeconds(5) - _limits.JitterAllowance));
        context.Response.Headers["X-RateLimit-Bucket"] = "channel-messages";
        context.Response.Headers["X-RateLimit-Limit"] = _limits.DiscordChannelBucket.ToString(CultureInfo.InvariantCulture);
        if (!bucket.TryAdmit(now))
        {
            Interlocked.Increment(ref _discord429);
            context.Response.Headers["X-RateLimit-Remaining"] = "0";
            context.Response.Headers["X-RateLimit-Reset-After"] = "5";
            context.Response.Headers["Retry-After"] = "5";
            context.Response.Headers["X-RateLimit-Scope"] = "user";
            await WriteAsync(context, HttpStatusCode.TooManyRequests, new JsonObject { ["message"] = "You are being rate limited.", ["retry_after"] = 5.0, ["global"] = false });
            return;
        }

        DiscordDelivered.AddOrUpdate(channel, 1, (_, n) => n + 1);
        _discordArrivals.Enqueue(now);
        context.Response.Headers["X-RateLimit-Remaining"] = Math.Max(0, _limits.DiscordChannelBucket - DiscordDelivered[channel]).ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["X-RateLimit-Reset-After"] = "5";
        var id = Interlocked.Increment(ref _messageId);
        await WriteAsync(context, HttpStatusCode.OK, new JsonObject { ["id"] = id.ToString(CultureInfo.InvariantCulture), ["channel_id"] = channel });
    }

    private static Task WriteAsync(HttpContext context, HttpStatusCode status, JsonNode body) => BotApiJson.WriteAsync(context, (int)status, body.ToJsonString());
}
