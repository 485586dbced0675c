using System.Net;
using Bot.Core.Delivery.RateLimits;
using Xunit;

namespace Bot.Tests.Broadcast;

/// <summary>The limiter learns when a send's request really left: after its body was written, not when the turn was taken.</summary>
public sealed class RequestSentSignalTests
{
    [Fact]
    public async Task The_signal_fires_once_the_body_is_written_and_the_body_is_unchanged()
    {
        var events = new List<string>();
        using var http = new HttpClient(new RequestSentSignal.Handler(new WritingHandler(events)));
        RequestSentSignal.Current = () => events.Add("sent");
        try
        {
            using var response = await http.PostAsync(new Uri("http://127.0.0.1/x"), new StringContent("{\"chat_id\":1}", System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            RequestSentSignal.Current = null;
        }

        // "sent" when the body has been written (inside the copy), before the answer.
        Assert.Equal(["sent", "body {\"chat_id\":1} application/json; charset=utf-8", "answered"], events);
    }

    [Fact]
    public async Task Outside_a_send_nothing_is_signalled()
    {
        var events = new List<string>();
        using var http = new HttpClient(new RequestSentSignal.Handler(new WritingHandler(events)));
        using var response = await http.PostAsync(new Uri("http://127.0.0.1/x"), new StringContent("hi"));
        Assert.DoesNotContain("sent", events);
    }

    /// <summary>Writes the body as a socket handler would, then answers.</summary>
    private sealed class WritingHandler(List<string> events) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            using var body = new MemoryStream();
            await request.Content!.CopyToAsync(body, cancellationToken);
            events.Add($"body {System.Text.Encoding.UTF8.GetString(body.ToArray())} {request.Content.Headers.ContentType}");
            // The body is written; the answer comes later.
            var answer = new HttpResponseMessage(HttpStatusCode.OK);
            events.Add("answered");
            return answer;
        }
    }
}
