using System.Net;

namespace Bot.Core.Delivery.RateLimits;

/// <summary>
/// Tells the rate limiter when a send's request has really left: after its body was written to the
/// connection, which for a cold process or a new connection (JIT, TCP and TLS set-up) is well after the
/// turn was taken. The limiter counts a request in the platform's window from then, so a slow first
/// request does not land in the same second as the ones sent after it. The turn travels with the async
/// flow of the send (<see cref="Current"/>); platform adapters put <see cref="Handler"/> in their HTTP
/// pipeline.
/// </summary>
internal static class RequestSentSignal
{
    private static readonly AsyncLocal<Action?> CurrentSlot = new();

    /// <summary>What to call when the current send's request has left (set by the delivery worker around a send).</summary>
    public static Action? Current
    {
        get => CurrentSlot.Value;
        set => CurrentSlot.Value = value;
    }

    /// <summary>An HTTP handler that calls <see cref="Current"/> once a request (and its body) is on the wire.</summary>
    internal sealed class Handler : DelegatingHandler
    {
        public Handler()
        {
        }

        public Handler(HttpMessageHandler inner)
            : base(inner)
        {
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(request);
            if (Current is { } sent && request.Content is { } content)
            {
                request.Content = new SignalingContent(content, sent);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>The request's own body, and a call when it has been written.</summary>
    private sealed class SignalingContent : HttpContent
    {
        private readonly HttpContent _inner;
        private readonly Action _sent;

        public SignalingContent(HttpContent inner, Action sent)
        {
            _inner = inner;
            _sent = sent;
            foreach (var header in inner.Headers)
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await _inner.CopyToAsync(stream, context);
            await stream.FlushAsync();
            _sent();
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await _inner.CopyToAsync(stream, context, cancellationToken);
            await stream.FlushAsync(cancellationToken);
            _sent();
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _inner.Headers.ContentLength ?? -1;
            return length >= 0;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
