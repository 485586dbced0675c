using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Bot.Tests.Scheduling;

/// <summary>
/// An iCalendar feed on a real Kestrel server on 127.0.0.1: serves <see cref="Body"/> with an ETag
/// (and Last-Modified) and answers a matching If-None-Match with 304, like Luma and Google do; it can
/// also be down (503), hang until the client gives up, or serve whatever text a test sets.
/// </summary>
internal sealed class LoopbackFeed : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;
    private int _notModified;
    private int _conditional;

    private LoopbackFeed(WebApplication app) => _app = app;

    public enum Behaviour
    {
        Serve,
        Down,
        Hang,
    }

    public string Body { get; set; } = string.Empty;

    public Behaviour Mode { get; set; } = Behaviour.Serve;

    public Uri Url { get; private set; } = null!;

    /// <summary>Requests received.</summary>
    public int Requests => _requests;

    /// <summary>Requests that carried If-None-Match or If-Modified-Since.</summary>
    public int Conditional => _conditional;

    /// <summary>304 answers given.</summary>
    public int NotModified => _notModified;

    public static async Task<LoopbackFeed> StartAsync(string body)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var feed = new LoopbackFeed(app) { Body = body };
        app.MapGet("/calendar.ics", feed.ServeAsync);
        await app.StartAsync();
        feed.Url = new Uri(app.Urls.First() + "/calendar.ics");
        return feed;
    }

    public static string ETagOf(string body) => "\"" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(body)))[..16] + "\"";

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task ServeAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        var request = context.Request.Headers;
        if (request.IfNoneMatch.Count > 0 || request.IfModifiedSince.Count > 0)
        {
            Interlocked.Increment(ref _conditional);
        }

        switch (Mode)
        {
            case Behaviour.Down:
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            case Behaviour.Hang:
                await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
        }

        var body = Body;
        var etag = ETagOf(body);
        if (request.IfNoneMatch.ToString() == etag)
        {
            Interlocked.Increment(ref _notModified);
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        context.Response.Headers.ETag = etag;
        context.Response.Headers.LastModified = "Thu, 01 Oct 2026 12:00:00 GMT";
        context.Response.ContentType = "text/calendar; charset=utf-8";
        await context.Response.WriteAsync(body, context.RequestAborted);
    }
}
