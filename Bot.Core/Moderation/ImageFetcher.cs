using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;

namespace Bot.Core.Moderation;

/// <summary>
/// Fetches an image URL a moderator gave, once, defensively: <c>https</c> only, redirects followed by hand (at most
/// <see cref="MaxRedirects"/>, each again <c>https</c>), every address the host resolves to checked at connect time
/// (so DNS cannot point it at the bot's own network afterwards) unless <see cref="ModerationOptions.ImageAllowPrivateAddresses"/>,
/// the whole exchange within <see cref="ModerationOptions.ImageFetchTimeout"/>, and never more than
/// <see cref="ModerationOptions.ImageMaxBytes"/> read (a larger <c>Content-Length</c> is refused before the body).
/// </summary>
internal sealed class ImageFetcher : IDisposable
{
    /// <summary>Redirects followed before giving up.</summary>
    public const int MaxRedirects = 3;

    private readonly TimeProvider _time;
    private readonly ModerationOptions _options;
    private readonly RemoteCertificateValidationCallback? _certificateCheck;
    private HttpClient? _http;

    public ImageFetcher(IOptions<ModerationOptions> options, TimeProvider time)
        : this(options, time, null)
    {
    }

    /// <summary>With <paramref name="certificateCheck"/>, for tests whose https server has its own certificate.</summary>
    internal ImageFetcher(IOptions<ModerationOptions> options, TimeProvider time, RemoteCertificateValidationCallback? certificateCheck)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = time;
        _certificateCheck = certificateCheck;
    }

    /// <summary>Made with the first fetch: a bot that never fetches an image never loads the HTTP client.</summary>
    private HttpClient Client() => LazyInitializer.EnsureInitialized(ref _http, () =>
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            UseProxy = false,
            ConnectTimeout = _options.ImageFetchTimeout,
            ConnectCallback = ConnectAsync,
        };
        if (_certificateCheck is not null)
        {
            Trust(handler, _certificateCheck);
        }

        var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("PauseAI-outreach-bot", "1.0"));
        return http;
    });

    /// <summary>In its own method: the TLS types load with the first fetch, not with the bot's start.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Trust(SocketsHttpHandler handler, RemoteCertificateValidationCallback certificateCheck) =>
        handler.SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = certificateCheck };

    /// <summary>The bytes at <paramref name="url"/>, or why not. They are not checked for being an image yet.</summary>
    public async Task<(byte[]? Bytes, ImageProblem? Problem)> FetchAsync(string url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var current) || current.Scheme != Uri.UriSchemeHttps)
        {
            return (null, ImageProblem.BadUrl);
        }

        using var deadline = new CancellationTokenSource(_options.ImageFetchTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            for (var hop = 0; ; hop++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, current);
                request.Headers.Accept.ParseAdd("image/png, image/jpeg, image/gif, image/webp");
                using var response = await Client().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
                if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    var next = location.IsAbsoluteUri ? location : new Uri(current, location);
                    if (hop >= MaxRedirects || next.Scheme != Uri.UriSchemeHttps)
                    {
                        return (null, ImageProblem.BadUrl);
                    }

                    current = next;
                    continue;
                }

                if (!response.IsSuccessStatusCode)
                {
                    return (null, ImageProblem.Unreachable);
                }

                if (response.Content.Headers.ContentLength > _options.ImageMaxBytes)
                {
                    return (null, ImageProblem.TooBig);
                }

                var bytes = await ReadCappedAsync(await response.Content.ReadAsStreamAsync(linked.Token), _options.ImageMaxBytes, linked.Token);
                return bytes is null ? (null, ImageProblem.TooBig) : (bytes, null);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return (null, ImageProblem.Timeout);
        }
        catch (HttpRequestException ex) when (ex.InnerException is PrivateAddressException || ex.HttpRequestError == HttpRequestError.Unknown && FindPrivate(ex))
        {
            return (null, ImageProblem.PrivateAddress);
        }
        catch (HttpRequestException)
        {
            return (null, ImageProblem.Unreachable);
        }
        catch (IOException)
        {
            return (null, ImageProblem.Unreachable);
        }
    }

    /// <summary>Reads at most <paramref name="max"/> bytes; null when there are more.</summary>
    internal static async Task<byte[]?> ReadCappedAsync(Stream stream, long max, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        await using (stream)
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            while (true)
            {
                var read = await stream.ReadAsync(chunk, cancellationToken);
                if (read == 0)
                {
                    return buffer.ToArray();
                }

                if (buffer.Length + read > max)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
    }

    /// <summary>
    /// Whether the bot may connect to <paramref name="address"/>: not loopback, private (10/8, 172.16/12, 192.168/16,
    /// fc00::/7), link-local (169.254/16 with the cloud metadata service, fe80::/10), carrier-grade NAT (100.64/10),
    /// "this network" (0/8), multicast or broadcast, also when written as an IPv4-mapped IPv6 address.
    /// </summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var first = address.GetAddressBytes()[0];
            return !address.IsIPv6LinkLocal && !address.IsIPv6SiteLocal && !address.IsIPv6Multicast && (first & 0xFE) != 0xFC;
        }

        var b = address.GetAddressBytes();
        return b[0] switch
        {
            0 or 10 or 127 or >= 224 => false,
            100 => (b[1] & 0xC0) != 64,
            169 => b[1] != 254,
            172 => (b[1] & 0xF0) != 16,
            192 => b[1] != 168 && !(b[1] == 0 && b[2] == 0),
            _ => true,
        };
    }

    public void Dispose() => _http?.Dispose();

    private static bool FindPrivate(Exception ex)
    {
        for (var inner = ex.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is PrivateAddressException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Resolves the host and connects to its first address, refusing internal ones (unless allowed).</summary>
    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        if (!_options.ImageAllowPrivateAddresses && addresses.Any(a => !IsPublic(a)))
        {
            // Any internal answer refuses the host: a name that resolves both ways is not worth the risk.
            throw new PrivateAddressException();
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Thrown at connect time for an internal address.</summary>
    private sealed class PrivateAddressException : IOException
    {
        public PrivateAddressException()
            : base("the image host resolves to an internal address")
        {
        }
    }
}
