using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Tests.Discord.Support;

/// <summary>A REST call the fake received.</summary>
internal sealed record RecordedRequest(string Method, string Path, string Query, string? Authorization, string? UserAgent, string? ContentType, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    /// <summary>A multipart request's form fields other than <c>payload_json</c> (whose text is <see cref="Body"/>), with their files.</summary>
    public IReadOnlyList<RecordedFile> Files { get; init; } = [];
}

/// <summary>One part of a multipart request that carried a file.</summary>
internal sealed record RecordedFile(string Field, string FileName, string? ContentType, byte[] Bytes);

/// <summary>A canned REST answer.</summary>
internal sealed record FakeResponse(int Status, string Body = "", IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>
/// An in-process Discord: Kestrel on 127.0.0.1, a WebSocket gateway at <c>/gateway</c> (and <c>/resume</c>,
/// the resume URL it hands out in READY) driven by the test frame by frame, and REST under <c>/api/v10/</c>
/// that records every call and answers with sensible defaults or the test's <see cref="Respond"/>.
/// </summary>
internal sealed class FakeDiscord : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<FakeGatewayConnection> _connections = Channel.CreateUnbounded<FakeGatewayConnection>();
    private readonly Channel<RecordedRequest> _requestFeed = Channel.CreateUnbounded<RecordedRequest>();

    private readonly ConcurrentDictionary<(string Channel, string Message), string> _messages = new();
    private int _nextMessageId = 900;

    private FakeDiscord(WebApplication app) => _app = app;

    /// <summary>The messages posted to channels that are still there, with their (edited) content, by (channel, message id).</summary>
    public IReadOnlyDictionary<(string Channel, string Message), string> Messages => new Dictionary<(string, string), string>(_messages);

    /// <summary>Pins made, as (channel, message id).</summary>
    public ConcurrentQueue<(string Channel, string Message)> Pins { get; } = new();

    public static TimeSpan Timeout { get; } = TimeSpan.FromSeconds(10);

    public Uri BaseUrl { get; private set; } = null!;

    public Uri ApiBase => new(BaseUrl, "api/v10");

    public Uri GatewayUrl => new($"ws://{BaseUrl.Authority}/gateway");

    public Uri ResumeUrl => new($"ws://{BaseUrl.Authority}/resume");

    /// <summary>Every REST call under /api/v10/, in order.</summary>
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Requests that did not go to /api/v10/ (must stay empty).</summary>
    public ConcurrentQueue<string> OffPath { get; } = new();

    /// <summary>How long a message post takes to answer (a slow platform); the call is recorded on arrival.</summary>
    public TimeSpan MessageDelay { get; set; }

    /// <summary>How long a call (any route) takes to answer, when set; the call is recorded on arrival.</summary>
    public Func<RecordedRequest, TimeSpan>? Delay { get; set; }

    /// <summary>The files a message carries, by (channel, message): set by a multipart post, kept by an edit unless it lists <c>attachments</c>.</summary>
    public ConcurrentDictionary<(string Channel, string Message), IReadOnlyList<string>> Attachments { get; } = new();

    /// <summary>The messages published (crossposted) to the followers of their announcement channel, by (channel, message).</summary>
    public ConcurrentDictionary<(string Channel, string Message), byte> Published { get; } = new();

    /// <summary>The servers the bot is in, their roles and scheduled events.</summary>
    public FakeGuilds Guilds { get; } = new();

    /// <summary>The test's answer to a call, or null for the default.</summary>
    public Func<RecordedRequest, FakeResponse?>? Respond { get; set; }

    public static async Task<FakeDiscord> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeDiscord(app);
        app.UseWebSockets();
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return fake;
    }

    /// <summary>The next gateway connection the client opens.</summary>
    public async Task<FakeGatewayConnection> NextConnectionAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        return await _connections.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>True when a connection is already waiting (no new connection expected).</summary>
    public bool HasPendingConnection => _connections.Reader.TryPeek(out _);

    /// <summary>The next REST call matching the predicate (earlier non-matching calls are skipped).</summary>
    public async Task<RecordedRequest> NextRequestAsync(Func<RecordedRequest, bool> match)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (true)
        {
            var request = await _requestFeed.Reader.ReadAsync(timeout.Token);
            if (match(request))
            {
                return request;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        if (context.WebSockets.IsWebSocketRequest && path is "/gateway" or "/resume")
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            using var connection = new FakeGatewayConnection(socket, path, context.Request.QueryString.Value ?? string.Empty);
            await _connections.Writer.WriteAsync(connection);
            await connection.RunAsync();
            return;
        }

        if (!path.StartsWith("/api/v10/", StringComparison.Ordinal))
        {
            OffPath.Enqueue(context.Request.Method + " " + path);
            context.Response.StatusCode = 404;
            return;
        }

        string body;
        var files = new List<RecordedFile>();
        if (context.Request.HasFormContentType)
        {
            // Discord's multipart: the message as payload_json, the files as files[n].
            var form = await context.Request.ReadFormAsync();
            body = form["payload_json"].ToString();
            foreach (var file in form.Files)
            {
                using var bytes = new MemoryStream();
                await file.CopyToAsync(bytes);
                files.Add(new RecordedFile(file.Name, file.FileName, file.ContentType, bytes.ToArray()));
            }

            foreach (var key in form.Keys.Where(k => k != "payload_json"))
            {
                files.Add(new RecordedFile(key, string.Empty, null, Encoding.UTF8.GetBytes(form[key].ToString())));
            }
        }
        else
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            body = await reader.ReadToEndAsync();
        }

        var request = new RecordedRequest(
            context.Request.Method,
            path["/api/v10/".Length..],
            context.Request.QueryString.Value ?? string.Empty,
            context.Request.Headers.Authorization.FirstOrDefault(),
            context.Request.Headers.UserAgent.FirstOrDefault(),
            context.Request.ContentType,
            body)
        {
            Files = files,
        };
        Requests.Enqueue(request);
        var delay = Delay?.Invoke(request) ?? (request.Method == "POST" && request.Path.EndsWith("/messages", StringComparison.Ordinal) ? MessageDelay : TimeSpan.Zero);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, TimeProvider.System, context.RequestAborted);
        }

        var response = Respond?.Invoke(request) ?? Guilds.Handle(request) ?? Default(request);
        context.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        if (response.Body.Length > 0)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(response.Body);
        }

        await _requestFeed.Writer.WriteAsync(request);
    }

    private FakeResponse Default(RecordedRequest request)
    {
        var parts = request.Path.Split('/');
        if (parts is ["channels", var channel, "messages"] && request.Method == "POST")
        {
            var id = Interlocked.Increment(ref _nextMessageId).ToString(System.Globalization.CultureInfo.InvariantCulture);
            _messages[(channel, id)] = Content(request.Body);
            if (request.Files.Count > 0)
            {
                Attachments[(channel, id)] = [.. request.Files.Select(f => f.FileName)];
            }

            return new(200, $$"""{"id":"{{id}}","channel_id":"{{channel}}"}""");
        }

        if (parts is ["channels", var inChannel, "messages", var message] && request.Method is "PATCH" or "DELETE")
        {
            if (!_messages.ContainsKey((inChannel, message)))
            {
                return new(404, """{"message":"Unknown Message","code":10008}""");
            }

            if (request.Method == "DELETE")
            {
                _messages.TryRemove((inChannel, message), out _);
                return new(204);
            }

            _messages[(inChannel, message)] = Content(request.Body);
            if (JsonDocument.Parse(request.Body).RootElement.TryGetProperty("attachments", out var kept) && Attachments.TryGetValue((inChannel, message), out var files))
            {
                // As Discord: an edit that lists attachments keeps only those (by id: the index of the upload here).
                Attachments[(inChannel, message)] = [.. kept.EnumerateArray().Select(a => a.GetProperty("id").GetString()).Where(i => int.TryParse(i, out var n) && n < files.Count).Select(i => files[int.Parse(i!, System.Globalization.CultureInfo.InvariantCulture)])];
            }

            return new(200, $$"""{"id":"{{message}}","channel_id":"{{inChannel}}"}""");
        }

        if (parts is ["channels", var fromChannel, "messages", var crossposted, "crosspost"] && request.Method == "POST")
        {
            // As Discord: a message is published once; asking again is refused with 40033.
            return Published.TryAdd((fromChannel, crossposted), 0)
                ? new(200, $$"""{"id":"{{crossposted}}","channel_id":"{{fromChannel}}"}""")
                : new(400, """{"message":"This message has already been crossposted.","code":40033}""");
        }

        if (parts is ["channels", var pinChannel, "pins", var pinned] && request.Method == "PUT")
        {
            Pins.Enqueue((pinChannel, pinned));
            return new(204);
        }

        if (parts is ["channels", var named] && request.Method == "GET")
        {
            // In server 777, when the test added it to Guilds (else Discord answers Unknown Guild for it).
            return new(200, $$"""{"id":"{{named}}","type":0,"name":"algemeen-{{named}}","guild_id":"777"}""");
        }

        return Routes(request);
    }

    /// <summary>Deletes a message as a member would (the bot's next edit finds it gone).</summary>
    public bool DeleteByHand(string channel, string message) => _messages.TryRemove((channel, message), out _);

    private static string Content(string body)
    {
        try
        {
            return JsonDocument.Parse(body).RootElement.TryGetProperty("content", out var content) ? content.GetString() ?? string.Empty : string.Empty;
        }
        catch (JsonException)
        {
            return string.Empty;
        }
    }

    private FakeResponse Routes(RecordedRequest request) => (request.Method, request.Path) switch
    {
        ("GET", "gateway/bot") => new(200, $$$"""{"url":"{{{GatewayUrl.AbsoluteUri.TrimEnd('/')}}}","shards":1,"session_start_limit":{"total":1000,"remaining":999,"reset_after":14400000,"max_concurrency":1}}"""),
        ("GET", "applications/@me") => new(200, """{"id":"111","name":"bot"}"""),
        ("PUT", _) when request.Path.EndsWith("/commands", StringComparison.Ordinal) => new(200, request.Body),
        ("GET", _) when request.Path.EndsWith("/commands", StringComparison.Ordinal) => new(200, "[]"),
        ("POST", _) when request.Path.StartsWith("interactions/", StringComparison.Ordinal) => new(204),
        ("POST" or "PATCH", _) when request.Path.StartsWith("webhooks/", StringComparison.Ordinal) => new(200, """{"id":"900"}"""),
        ("POST", _) when request.Path.StartsWith("channels/", StringComparison.Ordinal) => new(200, """{"id":"901"}"""),
        _ => new(404, """{"code":0,"message":"404: Not Found"}"""),
    };
}

/// <summary>One gateway connection as the server sees it: the test sends frames and reads the client's.</summary>
internal sealed class FakeGatewayConnection : IDisposable
{
    private readonly WebSocket _socket;
    private readonly Channel<JsonElement> _frames = Channel.CreateUnbounded<JsonElement>();
    private readonly TaskCompletionSource<int?> _clientClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _sendLock = new(1, 1);

    public FakeGatewayConnection(WebSocket socket, string path, string query)
    {
        _socket = socket;
        Path = path;
        Query = query;
    }

    public string Path { get; }

    public void Dispose() => _sendLock.Dispose();

    public string Query { get; }

    /// <summary>Completes when the client closed or dropped the connection, with its close code (null: dropped).</summary>
    public Task<int?> ClientClosed => _clientClosed.Task;

    public async Task SendAsync(string json)
    {
        await _sendLock.WaitAsync();
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public Task HelloAsync(int interval = 45000) => SendAsync($$"""{"op":10,"d":{"heartbeat_interval":{{interval}}},"s":null,"t":null}""");

    public Task DispatchAsync(string eventName, long sequence, string data) =>
        SendAsync($$"""{"op":0,"t":"{{eventName}}","s":{{sequence}},"d":{{data}}}""");

    public Task ReadyAsync(FakeDiscord fake, long sequence = 1, string sessionId = "session-1") => DispatchAsync(
        "READY",
        sequence,
        $$$"""{"v":10,"user":{"id":"111","username":"outreach","bot":true},"guilds":[],"session_id":"{{{sessionId}}}","resume_gateway_url":"{{{fake.ResumeUrl.AbsoluteUri.TrimEnd('/')}}}","application":{"id":"111","flags":0}}""");

    /// <summary>The client's next frame.</summary>
    public async Task<JsonElement> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(FakeDiscord.Timeout);
        return await _frames.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>The client's next frame with this op code (heartbeats in between are skipped unless asked for).</summary>
    public async Task<JsonElement> ExpectAsync(int op)
    {
        while (true)
        {
            var frame = await ReceiveAsync();
            var actual = frame.GetProperty("op").GetInt32();
            if (actual == op)
            {
                return frame;
            }

            if (actual != 1)
            {
                throw new InvalidOperationException($"Expected op {op}, got {frame}");
            }
        }
    }

    /// <summary>Closes from the server side with a Discord close code.</summary>
    public async Task CloseAsync(int code)
    {
        await _sendLock.WaitAsync();
        try
        {
            await _socket.CloseOutputAsync((WebSocketCloseStatus)code, "test", CancellationToken.None);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public async Task<int?> WaitClientClosedAsync()
    {
        using var timeout = new CancellationTokenSource(FakeDiscord.Timeout);
        return await ClientClosed.WaitAsync(timeout.Token);
    }

    internal async Task RunAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    _clientClosed.TrySetResult((int?)result.CloseStatus);
                    break;
                }

                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    _frames.Writer.TryWrite(JsonDocument.Parse(message.ToArray()).RootElement.Clone());
                    message.SetLength(0);
                }
            }
        }
        catch (WebSocketException)
        {
            _clientClosed.TrySetResult(null);
        }
        catch (IOException)
        {
            _clientClosed.TrySetResult(null);
        }
        finally
        {
            _frames.Writer.TryComplete();
        }
    }
}
