namespace Bot.Discord.Gateway;

/// <summary>
/// One gateway WebSocket connection, narrowed to what the gateway client needs, so tests can drive it.
/// At most one send and one receive may run at a time (the client serialises sends).
/// </summary>
internal interface IGatewaySocket : IAsyncDisposable
{
    Task ConnectAsync(Uri url, CancellationToken cancellationToken);

    /// <summary>Sends one whole UTF-8 JSON text message.</summary>
    Task SendAsync(ReadOnlyMemory<byte> json, CancellationToken cancellationToken);

    /// <summary>The next whole text message, or the close the server sent.</summary>
    Task<GatewayMessage> ReceiveAsync(CancellationToken cancellationToken);

    /// <summary>Sends a close frame with the code (never 1000/1001 when the session should stay resumable).</summary>
    Task CloseAsync(int code, CancellationToken cancellationToken);
}

/// <summary>A received message: JSON text, or the close code the server sent (null code: dropped without one).</summary>
internal sealed record GatewayMessage(byte[]? Json, bool Closed, int? CloseCode, string? CloseReason)
{
    public static GatewayMessage Text(byte[] json) => new(json, false, null, null);

    public static GatewayMessage Close(int? code, string? reason) => new(null, true, code, reason);
}

/// <summary>Makes a fresh socket for every connection attempt.</summary>
internal interface IGatewaySocketFactory
{
    IGatewaySocket Create();
}
