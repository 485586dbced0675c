using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Tests.Images;

/// <summary>
/// An https server on 127.0.0.1 with a certificate of its own (trusted only through <see cref="Trusts"/>) that serves
/// the images and the traps the fetcher is tried against; it counts the requests per path.
/// </summary>
internal sealed class HttpsImageServer : IAsyncDisposable
{
    public const long FiftyMegabytes = 50_000_000;

    private readonly WebApplication _app;
    private readonly Dictionary<string, int> _hits = new(StringComparer.Ordinal);

    private HttpsImageServer(WebApplication app, X509Certificate2 certificate)
    {
        _app = app;
        Certificate = certificate;
    }

    public X509Certificate2 Certificate { get; }

    public Uri BaseUrl { get; private set; } = null!;

    public byte[] Flyer { get; } = TestImages.Png(1200, 800, 40_000);

    public static async Task<HttpsImageServer> StartAsync()
    {
        var certificate = SelfSigned();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new HttpsImageServer(app, certificate);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/");
        return server;
    }

    public string Url(string path) => new Uri(BaseUrl, path).AbsoluteUri;

    public int Hits(string path)
    {
        lock (_hits)
        {
            return _hits.GetValueOrDefault(path);
        }
    }

    /// <summary>The certificate check an <see cref="Bot.Core.Moderation.ImageFetcher"/> is given in tests.</summary>
    public bool Trusts(object sender, X509Certificate? certificate, X509Chain? chain, System.Net.Security.SslPolicyErrors errors) =>
        certificate is not null && certificate.GetCertHashString() == Certificate.GetCertHashString();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Certificate.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        lock (_hits)
        {
            _hits[path] = _hits.GetValueOrDefault(path) + 1;
        }

        switch (path)
        {
            case "/flyer.png":
                context.Response.ContentType = "image/png";
                await context.Response.Body.WriteAsync(Flyer);
                break;
            case "/photo.jpg":
                context.Response.ContentType = "image/jpeg";
                await context.Response.Body.WriteAsync(TestImages.Jpeg());
                break;
            case "/fifty-megabytes.png":
                // Announced as 50 MB: the fetcher must refuse it from the header, before any of the body.
                context.Response.ContentType = "image/png";
                context.Response.ContentLength = FiftyMegabytes;
                await context.Response.Body.WriteAsync(TestImages.Png(size: 64 * 1024));
                await context.Response.Body.FlushAsync();
                await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, context.RequestAborted);
                break;
            case "/endless.png":
                // No length announced, and more bytes than allowed: the fetcher stops reading at its limit.
                context.Response.ContentType = "image/png";
                await context.Response.Body.WriteAsync(TestImages.Png(size: 64 * 1024));
                var chunk = new byte[64 * 1024];
                for (var i = 0; i < 800 && !context.RequestAborted.IsCancellationRequested; i++)
                {
                    await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                }

                break;
            case "/hangs.png":
                await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, context.RequestAborted);
                break;
            case "/page.png":
                context.Response.ContentType = "image/png";
                await context.Response.Body.WriteAsync(TestImages.HtmlPage());
                break;
            case "/to-http.png":
                context.Response.StatusCode = 302;
                context.Response.Headers.Location = $"http://{context.Request.Host}/flyer.png";
                break;
            case "/moved.png":
                context.Response.StatusCode = 301;
                context.Response.Headers.Location = "/flyer.png";
                break;
            case "/huge-dimensions.png":
                await context.Response.Body.WriteAsync(TestImages.Png(9000, 9000));
                break;
            default:
                context.Response.StatusCode = 404;
                break;
        }
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        var now = TimeProvider.System.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}
