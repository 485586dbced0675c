using System.Buffers;
using System.Net.WebSockets;

namespace Bot.Discord.Gateway;

/// <summary>The real gateway socket: <see cref="ClientWebSocket"/>, whole messages assembled from frames.</summary>
internal sealed class ClientWebSocketGatewaySocket : IGatewaySocket
{
    private readonly ClientWebSocket _socket = new();

    public Task ConnectAsync(Uri url, CancellationToken cancellationToken) => _socket.ConnectAsync(url, cancellationToken);

    public Task SendAsync(ReadOnlyMemory<byte> json, CancellationToken cancellationToken) =>
        _socket.SendAsync(json, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).AsTask();

    public async Task<GatewayMessage> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        while (true)
        {
            var memory = buffer.GetMemory(8 * 1024);
            ValueWebSocketReceiveResult result;
            try
            {
                result = await _socket.ReceiveAsync(memory, cancellationToken);
            }
            catch (WebSocketException) when (!cancellationToken.IsCancellationRequested)
            {
                // The connection dropped without a close frame: resumable, like Discord's "scenario 3".
                return GatewayMessage.Close(null, "connection dropped");
            }

            if (result.MessageType == WebSocketMessageType.Close)
            {
                return GatewayMessage.Close((int?)_socket.CloseStatus, _socket.CloseStatusDescription);
            }

            buffer.Advance(result.Count);
            if (result.EndOfMessage)
            {
                return GatewayMessage.Text(buffer.WrittenSpan.ToArray());
            }
        }
    }

    public async Task CloseAsync(int code, CancellationToken cancellationToken)
    {
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            try
            {
                await _socket.CloseOutputAsync((WebSocketCloseStatus)code, "reconnecting", cancellationToken);
            }
            catch (WebSocketException)
            {
                // Already gone: there is nothing left to close.
                _socket.Abort();
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Abort();
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>Makes <see cref="ClientWebSocketGatewaySocket"/>s.</summary>
internal sealed class ClientWebSocketGatewaySocketFactory : IGatewaySocketFactory
{
    public IGatewaySocket Create() => new ClientWebSocketGatewaySocket();
}
