using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
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
/// that are gone (Telegram 403, Discord 50001 Missing Access / 10003 Unknown Channel).
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
    private int _telegram429;
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

    /// <summary>429 answers given by the Discord side.</summary>
    public int Discord429 => Volatile.Read(ref _discord429);

    /// <summary>Arrival timestamps of delivered Telegram messages.</summary>
    public IReadOnlyList<long> TelegramArrivals => [.. _telegramArrivals];

    /// <summary>Arrival timestamps of delivered Discord messages.</summary>
    public IReadOnlyList<long> DiscordArrivals => [.. _discordArrivals];

    /// <summary>Starts the server on a free loopback port.</summary>
    /// <summary>The limits this fake enforces.</summary>
    public FakePlatformLimits Limits => _limits;

    public static async Task<LimitedPlatformFake> StartAsync(FakePlatformLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var fake = new LimitedPlatformFake(app, limits);
        app.MapPost("/bot{token}/sendMessage", fake.TelegramSendAsync);
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
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task TelegramSendAsync(HttpContext context)
    {
        var now = TimeProvider.System.GetTimestamp();
        var body = await JsonNode.ParseAsync(context.Request.Body);
        var chat = body?["chat_id"]?.ToString() ?? string.Empty;
        if (GoneTelegramChats.ContainsKey(chat))
        {
            await Task.Delay(_limits.Latency, TimeProvider.System);
            await WriteAsync(context, HttpStatusCode.Forbidden, new JsonObject { ["ok"] = false, ["error_code"] = 403, ["description"] = "Forbidden: bot was kicked from the group chat" });
            return;
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
            await WriteAsync(context, HttpStatusCode.TooManyRequests, new JsonObject
            {
                ["ok"] = false, ["error_code"] = 429, ["description"] = "Too Many Requests: retry after 1", ["parameters"] = new JsonObject { ["retry_after"] = 1 },
            });
            return;
        }

        TelegramDelivered.AddOrUpdate(chat, 1, (_, n) => n + 1);
        _telegramArrivals.Enqueue(now);
        var id = Interlocked.Increment(ref _messageId);
        await WriteAsync(context, HttpStatusCode.OK, new JsonObject
        {
            ["ok"] = true,
            ["result"] = new JsonObject
            {
                ["message_id"] = id,
                ["date"] = 1_764_000_000,
                ["chat"] = new JsonObject { ["id"] = long.Parse(chat, CultureInfo.InvariantCulture), ["type"] = chat.StartsWith('-') ? "supergroup" : "private" },
                ["text"] = "ok",
            },
        });
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

    private static async Task WriteAsync(HttpContext context, HttpStatusCode status, JsonNode body)
    {
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(JsonSerializerOptions.Default));
    }
}
