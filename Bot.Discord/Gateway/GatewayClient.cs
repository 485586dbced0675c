using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Bot.Core.Delivery;
using Bot.Core.Diagnostics;
using Bot.Discord.Api;
using Bot.Discord.Rest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Discord.Gateway;

/// <summary>
/// A Discord gateway session: Hello → heartbeats (first one jittered) → Identify (intents 0) or Resume →
/// READY/RESUMED → dispatches. Keeps the sequence, session id and resume URL; resumes after resumable
/// closes, op 7, op 9 true and dead connections (no ACK between two heartbeats); identifies again after
/// op 9 false; stops for good on fatal close codes. Reconnects back off with jitter up to a cap.
/// </summary>
internal sealed class GatewayClient
{
    /// <summary>Discord closes the connection (4002) for payloads larger than this.</summary>
    public const int MaxPayloadBytes = 4096;

    /// <summary>After this many failed reconnects in a row the session is given up and a new one identified.</summary>
    private const int MaxResumeFailures = 5;

    /// <summary>Discord sends Hello at once; a connection without one by then is dead.</summary>
    private static readonly TimeSpan HelloTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long shutdown waits for a send in progress and for Discord's answering close.</summary>
    private static readonly TimeSpan ShutdownWait = TimeSpan.FromSeconds(2);

    private readonly IGatewaySocketFactory _sockets;
    private readonly DiscordRestClient _rest;
    private readonly DiscordOptions _options;
    private readonly GatewayTimings _timings;
    private readonly TimeProvider _time;
    private readonly ILogger<GatewayClient> _logger;
    private readonly BotHealth _health;
    private Uri? _gatewayUrl;
    private string? _sessionId;
    private Uri? _resumeUrl;
    private long _sequence = -1;

    public GatewayClient(IGatewaySocketFactory sockets, DiscordRestClient rest, IOptions<DiscordOptions> options, GatewayTimings timings, TimeProvider time, ILogger<GatewayClient> logger, BotHealth? health = null)
    {
        _health = health ?? new BotHealth(time);
        ArgumentNullException.ThrowIfNull(options);
        _sockets = sockets;
        _rest = rest;
        _options = options.Value;
        _timings = timings;
        _time = time;
        _logger = logger;
        _gatewayUrl = options.Value.GatewayUrl;
    }

    /// <summary>The last sequence number received (for tests and diagnostics).</summary>
    public long? Sequence => Interlocked.Read(ref _sequence) is var s && s >= 0 ? s : null;

    /// <summary>Runs until cancelled or a fatal close code; returns the fatal code, or null when cancelled.</summary>
    public async Task<int?> RunAsync(IGatewayListener listener, CancellationToken cancellationToken)
    {
        var failures = 0;
        var reconnecting = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            var resume = _sessionId is not null && _resumeUrl is not null;
            ConnectionResult result;
            try
            {
                var url = resume ? _resumeUrl! : await PrepareIdentifyAsync(cancellationToken);
                var shown = url.GetLeftPart(UriPartial.Path);
                _logger.Connecting(shown, resume ? "resume" : "identify");
                if (reconnecting)
                {
                    BotTelemetry.GatewayReconnects.Add(1);
                }

                reconnecting = true;
                await using var socket = _sockets.Create();
                await socket.ConnectAsync(WithQuery(url), cancellationToken);
                using var connection = new Connection(this, socket, listener, resume);
                result = await connection.RunAsync(cancellationToken);
                if (cancellationToken.IsCancellationRequested)
                {
                    return null;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return null;
            }
            catch (DiscordApiException ex) when (DiscordErrors.Classify(ex).Outcome == DeliveryOutcome.Unauthorized)
            {
                _logger.Fatal(4004, "GET /gateway/bot answered 401 Unauthorized: Discord:Token is wrong or was reset");
                _health.RecordPlatform("Discord", connected: false, "401 Unauthorized: Discord:Token is wrong or was reset");
                return 4004;
            }
            catch (Exception ex) when (ex is WebSocketException or HttpRequestException or IOException or DiscordApiException or JsonException or TaskCanceledException)
            {
                // A TaskCanceledException here is a timeout (GET /gateway/bot without an answer): shutdown was caught above.
                failures++;
                if (failures >= 3)
                {
                    _gatewayUrl = _options.GatewayUrl;
                }

                if (failures >= MaxResumeFailures)
                {
                    // The resume URL stays unreachable: the session will have expired, start a new one.
                    _sessionId = null;
                    _resumeUrl = null;
                }

                var wait = _timings.Backoff(failures);
                _health.RecordPlatform("Discord", connected: false, $"gateway connect failed: {ex.GetType().Name}");
                _logger.ConnectFailed(ex, wait);
                await Task.Delay(wait, _time, cancellationToken);
                continue;
            }

            if (result.Next == GatewayNext.Stop)
            {
                var meaning = GatewayCloseCodes.Meaning(result.CloseCode);
                _health.RecordPlatform("Discord", connected: false, meaning);
                _logger.Fatal(result.CloseCode ?? 0, meaning);
                return result.CloseCode;
            }

            if (result.Next == GatewayNext.Identify)
            {
                _sessionId = null;
                _resumeUrl = null;
                Interlocked.Exchange(ref _sequence, -1);
            }

            _health.RecordPlatform("Discord", connected: false, "gateway connection ended: " + result.Reason);
            failures = result.Healthy ? 0 : failures + 1;
            var delay = result.Delay ?? _timings.Backoff(failures);
            _logger.ConnectionEnded(result.Reason, result.Next == GatewayNext.Identify ? "identify" : "resume");
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, _time, cancellationToken);
            }
        }

        return null;
    }

    /// <summary>
    /// Before a new session: asks <c>GET /gateway/bot</c> for the URL (unless configured) and the session start
    /// limit, and waits for its reset when no identify is left (hitting the daily cap resets the bot's token).
    /// </summary>
    private async Task<Uri> PrepareIdentifyAsync(CancellationToken cancellationToken)
    {
        GatewayBotResponse bot;
        try
        {
            bot = await _rest.GetGatewayBotAsync(cancellationToken);
        }
        catch (Exception ex) when (_gatewayUrl is not null && !cancellationToken.IsCancellationRequested
            && DiscordErrors.IsCallFailure(ex) && DiscordErrors.Classify(ex).Outcome != DeliveryOutcome.Unauthorized)
        {
            _logger.ConnectFailed(ex, TimeSpan.Zero);
            return _gatewayUrl;
        }

        if (bot.SessionStartLimit is { Remaining: <= 0, ResetAfter: > 0 } limit)
        {
            var wait = TimeSpan.FromMilliseconds(limit.ResetAfter);
            _logger.SessionStartLimit(limit.Total, wait);
            await Task.Delay(wait, _time, cancellationToken);
        }

        _gatewayUrl ??= new Uri(bot.Url);
        return _gatewayUrl;
    }

    private static Uri WithQuery(Uri url)
    {
        var builder = new UriBuilder(url) { Query = "v=10&encoding=json" };
        if (builder.Path.Length == 0)
        {
            builder.Path = "/";
        }

        return builder.Uri;
    }

    private sealed record ConnectionResult(GatewayNext Next, string Reason, bool Healthy, int? CloseCode = null, TimeSpan? Delay = null);

    /// <summary>One socket's life: its heartbeat timer, send lock and send budget.</summary>
    private sealed class Connection : IDisposable
    {
        private readonly GatewayClient _client;
        private readonly IGatewaySocket _socket;
        private readonly IGatewayListener _listener;
        private readonly bool _resume;
        private readonly SemaphoreSlim _sendLock = new(1, 1);
        private readonly Queue<DateTimeOffset> _sent = new();
        private readonly Channel<bool> _ticks = Channel.CreateUnbounded<bool>();
        private readonly CancellationTokenSource _stop = new();
        private readonly CancellationTokenSource _helloTimeout;
        private readonly CancellationTokenSource _shutdownFallback;
        private Task _closing = Task.CompletedTask;
        private ITimer? _heartbeatTimer;
        private Task _heartbeats = Task.CompletedTask;
        private volatile bool _acked = true;
        private volatile bool _zombie;
        private bool _healthy;

        public Connection(GatewayClient client, IGatewaySocket socket, IGatewayListener listener, bool resume)
        {
            _client = client;
            _helloTimeout = new CancellationTokenSource(HelloTimeout, client._time);
            _shutdownFallback = new CancellationTokenSource(Timeout.InfiniteTimeSpan, client._time);
            _socket = socket;
            _listener = listener;
            _resume = resume;
        }

        public async Task<ConnectionResult> RunAsync(CancellationToken cancellationToken)
        {
            // Shutdown does not cancel the receive: it sends close 1000 and lets Discord's answering close end
            // the loop (with a short fallback), because cancelling a receive aborts the socket without a close.
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, _helloTimeout.Token, _shutdownFallback.Token);
            using var onShutdown = cancellationToken.Register(() => _closing = CloseForShutdownAsync());
            try
            {
                return await ReceiveLoopAsync(linked.Token);
            }
            catch (OperationCanceledException) when (_zombie && !cancellationToken.IsCancellationRequested)
            {
                return new ConnectionResult(GatewayNext.Resume, "no heartbeat ACK", _healthy);
            }
            catch (OperationCanceledException) when (_helloTimeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return new ConnectionResult(GatewayNext.Resume, "no Hello from the gateway", Healthy: false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }
            finally
            {
                await _stop.CancelAsync();
                _heartbeatTimer?.Dispose();
                await _heartbeats.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                await _closing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        public void Dispose()
        {
            _heartbeatTimer?.Dispose();
            _stop.Dispose();
            _helloTimeout.Dispose();
            _shutdownFallback.Dispose();
            _sendLock.Dispose();
        }

        private async Task<ConnectionResult> ReceiveLoopAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                var message = await _socket.ReceiveAsync(cancellationToken);
                if (message.Closed)
                {
                    var next = GatewayCloseCodes.Classify(message.CloseCode);
                    return new ConnectionResult(next, GatewayCloseCodes.Meaning(message.CloseCode), _healthy, message.CloseCode);
                }

                var payload = JsonSerializer.Deserialize(message.Json, DiscordJsonContext.Default.GatewayPayload)
                    ?? throw new JsonException("Empty gateway payload.");
                if (payload.Sequence is { } sequence)
                {
                    Interlocked.Exchange(ref _client._sequence, sequence);
                }

                switch (payload.Op)
                {
                    case GatewayOpcode.Hello:
                        var hello = payload.Data.Deserialize(DiscordJsonContext.Default.HelloData)
                            ?? throw new JsonException("Hello without data.");
                        _helloTimeout.CancelAfter(Timeout.InfiniteTimeSpan);
                        StartHeartbeats(TimeSpan.FromMilliseconds(hello.HeartbeatInterval));
                        await (_resume ? SendResumeAsync(cancellationToken) : SendIdentifyAsync(cancellationToken));
                        break;
                    case GatewayOpcode.HeartbeatAck:
                        _acked = true;
                        break;
                    case GatewayOpcode.Heartbeat:
                        await SendHeartbeatAsync(cancellationToken);
                        break;
                    case GatewayOpcode.Reconnect:
                        await CloseAsync(cancellationToken);
                        return new ConnectionResult(GatewayNext.Resume, "Discord asked to reconnect (op 7)", Healthy: true, Delay: TimeSpan.Zero);
                    case GatewayOpcode.InvalidSession:
                        await CloseAsync(cancellationToken);
                        return payload.Data.ValueKind == JsonValueKind.True
                            ? new ConnectionResult(GatewayNext.Resume, "invalid session, resumable", Healthy: true, Delay: TimeSpan.Zero)
                            : new ConnectionResult(GatewayNext.Identify, "invalid session", Healthy: true, Delay: _client._timings.ReidentifyDelay());
                    case GatewayOpcode.Dispatch:
                        Dispatch(payload);
                        break;
                    default:
                        break;
                }
            }
        }

        private void Dispatch(GatewayPayload payload)
        {
            switch (payload.EventName)
            {
                case "READY":
                    var ready = payload.Data.Deserialize(DiscordJsonContext.Default.ReadyData)
                        ?? throw new JsonException("READY without data.");
                    _client._sessionId = ready.SessionId;
                    _client._resumeUrl = string.IsNullOrEmpty(ready.ResumeGatewayUrl) ? _client._gatewayUrl : new Uri(ready.ResumeGatewayUrl);
                    _healthy = true;
                    _client._health.RecordPlatform("Discord", connected: true);
                    _client._logger.Ready(ready.User?.Username ?? "?", ready.SessionId, ready.Application?.Id ?? "?");
                    _ = Observe(_listener.OnReadyAsync(ready, CancellationToken.None), "READY");
                    break;
                case "RESUMED":
                    _healthy = true;
                    _client._logger.Resumed(_client.Sequence);
                    BotTelemetry.GatewayResumes.Add(1);
                    _client._health.RecordPlatform("Discord", connected: true);
                    break;
                case "INTERACTION_CREATE":
                    var interaction = payload.Data.Deserialize(DiscordJsonContext.Default.Interaction);
                    if (interaction is not null)
                    {
                        _ = Observe(_listener.OnInteractionAsync(interaction, CancellationToken.None), "INTERACTION_CREATE");
                    }

                    break;
                default:
                    break;
            }
        }

        private async Task Observe(Task task, string eventName)
        {
            try
            {
                await task;
            }
            catch (Exception ex)
            {
                _client._logger.DispatchFailed(ex, eventName);
            }
        }

        private void StartHeartbeats(TimeSpan interval)
        {
            _heartbeatTimer?.Dispose();
            var first = TimeSpan.FromMilliseconds(interval.TotalMilliseconds * _client._timings.Jitter());
            _heartbeatTimer = _client._time.CreateTimer(_ => _ticks.Writer.TryWrite(true), null, first, interval);
            _heartbeats = HeartbeatLoopAsync(_stop.Token);
        }

        private async Task HeartbeatLoopAsync(CancellationToken cancellationToken)
        {
            try
            {
                await foreach (var _ in _ticks.Reader.ReadAllAsync(cancellationToken))
                {
                    if (!_acked)
                    {
                        _client._logger.Zombie();
                        _zombie = true;
                        await CloseAsync(cancellationToken);
                        await _stop.CancelAsync();
                        return;
                    }

                    _acked = false;
                    await SendHeartbeatAsync(cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The connection ended; its heartbeats end with it.
            }
            catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException)
            {
                // A failed heartbeat is a dead connection: the receive loop sees the close and reconnects.
                _client._logger.DispatchFailed(ex, "heartbeat");
            }
        }

        private Task SendHeartbeatAsync(CancellationToken cancellationToken) =>
            SendAsync(JsonSerializer.SerializeToUtf8Bytes(new GatewayCommand<long?>(GatewayOpcode.Heartbeat, _client.Sequence), DiscordJsonContext.Default.GatewayCommandNullableInt64), cancellationToken);

        private Task SendIdentifyAsync(CancellationToken cancellationToken)
        {
            var os = OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "macos" : "linux";
            var identify = new IdentifyData(_client._options.Token, Intents: 0, new IdentifyProperties(os, "outreach-bot", "outreach-bot"));
            return SendAsync(JsonSerializer.SerializeToUtf8Bytes(new GatewayCommand<IdentifyData>(GatewayOpcode.Identify, identify), DiscordJsonContext.Default.GatewayCommandIdentifyData), cancellationToken);
        }

        private Task SendResumeAsync(CancellationToken cancellationToken)
        {
            var resume = new ResumeData(_client._options.Token, _client._sessionId!, _client.Sequence);
            return SendAsync(JsonSerializer.SerializeToUtf8Bytes(new GatewayCommand<ResumeData>(GatewayOpcode.Resume, resume), DiscordJsonContext.Default.GatewayCommandResumeData), cancellationToken);
        }

        /// <summary>Sends one payload: one at a time, at most <see cref="GatewayTimings.SendsPerMinute"/> a minute, never over 4096 bytes.</summary>
        private async Task SendAsync(byte[] json, CancellationToken cancellationToken)
        {
            if (json.Length > MaxPayloadBytes)
            {
                throw new InvalidOperationException($"A gateway payload of {json.Length} bytes is over Discord's {MaxPayloadBytes}-byte limit.");
            }

            await _sendLock.WaitAsync(cancellationToken);
            try
            {
                while (true)
                {
                    var now = _client._time.GetUtcNow();
                    while (_sent.Count > 0 && _sent.Peek() <= now - TimeSpan.FromMinutes(1))
                    {
                        _sent.Dequeue();
                    }

                    if (_sent.Count < _client._timings.SendsPerMinute)
                    {
                        _sent.Enqueue(now);
                        break;
                    }

                    await Task.Delay(_sent.Peek() + TimeSpan.FromMinutes(1) - now, _client._time, cancellationToken);
                }

                await _socket.SendAsync(json, cancellationToken);
            }
            finally
            {
                _sendLock.Release();
            }
        }

        /// <summary>On shutdown, close with 1000 so Discord shows the bot offline at once (the session ends).</summary>
        private async Task CloseForShutdownAsync()
        {
            var sent = false;
            try
            {
                // A send in progress (identify, heartbeat) finishes first; a stuck one is not waited for long.
                if (await _sendLock.WaitAsync(ShutdownWait))
                {
                    try
                    {
                        await _socket.CloseAsync(1000, CancellationToken.None);
                        sent = true;
                    }
                    finally
                    {
                        _sendLock.Release();
                    }
                }
            }
            catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or IOException)
            {
                // The connection is going away anyway.
                _client._logger.DispatchFailed(ex, "close");
            }
            finally
            {
                // Discord answers a close with its own; without one sent there is nothing to wait for.
                if (sent)
                {
                    _shutdownFallback.CancelAfter(ShutdownWait);
                }
                else
                {
                    await _shutdownFallback.CancelAsync();
                }
            }
        }

        private async Task CloseAsync(CancellationToken cancellationToken)
        {
            await _sendLock.WaitAsync(cancellationToken);
            try
            {
                await _socket.CloseAsync(GatewayCloseCodes.Resuming, cancellationToken);
            }
            finally
            {
                _sendLock.Release();
            }
        }
    }
}
