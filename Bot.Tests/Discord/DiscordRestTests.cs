using Bot.Core.Commands;
using Bot.Core.Delivery;
using Bot.Core.Kernel;
using Bot.Core.Replies;
using Bot.Discord;
using Bot.Discord.Api;
using Bot.Discord.Rest;
using Bot.Tests.Discord.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace Bot.Tests.Discord;

/// <summary>The REST client against the fake: base URL handling, 429 with retry_after on fake time, 5xx back-off, the messenger's outcomes.</summary>
public sealed class DiscordRestTests
{
    private static (DiscordRestClient Client, SignallingTimeProvider Time, HttpClient Http) Client(FakeDiscord fake, string? baseUrl = null)
    {
        var time = new SignallingTimeProvider();
        var http = new HttpClient();
        var options = Options.Create(new DiscordOptions { Token = "rest-token", ApiBaseUrl = new Uri(baseUrl ?? fake.ApiBase.AbsoluteUri) });
        return (new DiscordRestClient(http, new DiscordRateLimiter(time), time, options, NullLogger<DiscordRestClient>.Instance), time, http);
    }

    private static MessagePayload Hello => new() { Content = "hello" };

    [Theory]
    [InlineData("api/v10")]
    [InlineData("api/v10/")]
    [InlineData("")]
    public async Task Every_request_goes_under_api_v10_with_or_without_a_trailing_slash(string suffix)
    {
        await using var fake = await FakeDiscord.StartAsync();
        var (rest, _, http) = Client(fake, fake.BaseUrl.AbsoluteUri + suffix);
        using (http)
        {
            await rest.GetGatewayBotAsync(CancellationToken.None);
            await rest.CreateMessageAsync("42", Hello, CancellationToken.None);
        }

        Assert.Empty(fake.OffPath);
        Assert.Equal(["gateway/bot", "channels/42/messages"], fake.Requests.Select(r => r.Path));
        var post = fake.Requests.Last();
        Assert.Equal("Bot rest-token", post.Authorization);
        Assert.StartsWith("DiscordBot (", post.UserAgent, StringComparison.Ordinal);
        Assert.Empty(OpenApiCheck.Problems(post.Json, "MessageCreateRequest"));
        Assert.Equal(0, post.Json.GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
    }

    [Fact]
    public async Task A_429_is_retried_only_after_retry_after_has_passed()
    {
        await using var fake = await FakeDiscord.StartAsync();
        var calls = 0;
        fake.Respond = r => r.Method == "POST" && Interlocked.Increment(ref calls) == 1
            ? new FakeResponse(429, """{"message":"You are being rate limited.","retry_after":2.5,"global":false}""", new Dictionary<string, string> { ["X-RateLimit-Bucket"] = "abc", ["X-RateLimit-Scope"] = "user" })
            : null;
        var (rest, time, http) = Client(fake);
        using (http)
        {
            var send = rest.CreateMessageAsync("42", Hello, CancellationToken.None);
            await time.WaitForTimerAsync(TimeSpan.FromSeconds(2.5));
            Assert.Single(fake.Requests);

            time.Advance(TimeSpan.FromSeconds(2.4));
            Assert.False(send.IsCompleted);
            Assert.Single(fake.Requests);

            time.Advance(TimeSpan.FromSeconds(0.1));
            var created = await send.WaitAsync(FakeDiscord.Timeout);
            Assert.Equal("901", created!.Id);
            Assert.Equal(2, fake.Requests.Count);
        }
    }

    [Fact]
    public async Task An_empty_bucket_waits_for_its_reset_before_the_next_call()
    {
        await using var fake = await FakeDiscord.StartAsync();
        fake.Respond = r => r.Method == "POST"
            ? new FakeResponse(200, """{"id":"7"}""", new Dictionary<string, string> { ["X-RateLimit-Bucket"] = "b1", ["X-RateLimit-Remaining"] = "0", ["X-RateLimit-Reset-After"] = "1.25", ["X-RateLimit-Limit"] = "5" })
            : null;
        var (rest, time, http) = Client(fake);
        using (http)
        {
            await rest.CreateMessageAsync("42", Hello, CancellationToken.None);
            var second = rest.CreateMessageAsync("42", Hello, CancellationToken.None);
            await time.WaitForTimerAsync(TimeSpan.FromSeconds(1.25));
            Assert.Single(fake.Requests);

            // Another channel is another bucket: not held up.
            await rest.CreateMessageAsync("43", Hello, CancellationToken.None);
            Assert.Equal(2, fake.Requests.Count);

            time.Advance(TimeSpan.FromSeconds(1.25));
            await second.WaitAsync(FakeDiscord.Timeout);
            Assert.Equal(3, fake.Requests.Count);
        }
    }

    [Fact]
    public async Task A_global_429_holds_every_route()
    {
        await using var fake = await FakeDiscord.StartAsync();
        var calls = 0;
        fake.Respond = r => Interlocked.Increment(ref calls) == 1
            ? new FakeResponse(429, """{"message":"global","retry_after":4,"global":true}""", new Dictionary<string, string> { ["X-RateLimit-Global"] = "true" })
            : null;
        var (rest, time, http) = Client(fake);
        using (http)
        {
            var first = rest.CreateMessageAsync("1", Hello, CancellationToken.None);
            await time.WaitForTimerAsync(TimeSpan.FromSeconds(4));
            var other = rest.GetGatewayBotAsync(CancellationToken.None);
            await time.WaitForTimerAsync(TimeSpan.FromSeconds(4));
            Assert.Single(fake.Requests);
            time.Advance(TimeSpan.FromSeconds(4));
            await Task.WhenAll(first, other).WaitAsync(FakeDiscord.Timeout);
            Assert.Equal(3, fake.Requests.Count);
        }
    }

    [Fact]
    public async Task Never_more_than_50_requests_start_in_one_second()
    {
        await using var fake = await FakeDiscord.StartAsync();
        var (rest, time, http) = Client(fake);
        using (http)
        {
            for (var i = 0; i < DiscordRateLimiter.MaxPerSecond; i++)
            {
                await rest.CreateMessageAsync(i.ToString(System.Globalization.CultureInfo.InvariantCulture), Hello, CancellationToken.None);
            }

            var next = rest.CreateMessageAsync("x", Hello, CancellationToken.None);
            await time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
            Assert.Equal(50, fake.Requests.Count);
            time.Advance(TimeSpan.FromSeconds(1));
            await next.WaitAsync(FakeDiscord.Timeout);
            Assert.Equal(51, fake.Requests.Count);
        }
    }

    [Fact]
    public async Task A_5xx_is_retried_with_backoff_on_the_time_provider_for_puts_and_posts_alike()
    {
        await using var fake = await FakeDiscord.StartAsync();
        var failures = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        fake.Respond = r => failures.AddOrUpdate(r.Method, 1, (_, n) => n + 1) == 1
            ? new FakeResponse(502, "<html>bad gateway</html>")
            : null;
        var (rest, time, http) = Client(fake);
        using (http)
        {
            // A 5xx answer: Discord did not take the request, so repeating it (a post too) sends nothing twice.
            foreach (var (call, calls) in new (Func<Task>, int)[]
            {
                (() => rest.BulkOverwriteCommandsAsync("111", null, [new ApplicationCommand { Name = "help", Description = "Help" }], CancellationToken.None), 2),
                (() => rest.CreateMessageAsync("42", Hello, CancellationToken.None), 4),
            })
            {
                var running = call();
                var backoff = await time.NextTimerAsync();
                Assert.InRange(backoff, TimeSpan.FromTicks(1), PlatformRetry.MaxDelay);
                Assert.Equal(calls - 1, fake.Requests.Count);
                time.Advance(backoff);
                await running.WaitAsync(FakeDiscord.Timeout);
                Assert.Equal(calls, fake.Requests.Count);
            }
        }
    }

    [Fact]
    public async Task Route_state_does_not_grow_with_every_interaction()
    {
        var time = new SignallingTimeProvider();
        var limiter = new DiscordRateLimiter(time);
        for (var i = 0; i < 3000; i++)
        {
            if (i % DiscordRateLimiter.MaxPerSecond == 0)
            {
                time.Advance(TimeSpan.FromSeconds(1));
            }

            var id = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            using (await limiter.AcquireAsync(new DiscordRoute(HttpMethod.Post, $"interactions/{id}/t/callback", "interactions/:id/:token/callback", id), CancellationToken.None))
            {
            }
        }

        Assert.InRange(limiter.TrackedRoutes, 1, 1025);
    }

    [Theory]
    [InlineData(404, """{"message":"Unknown Channel","code":10003}""", DeliveryOutcome.Gone)]
    [InlineData(403, """{"message":"Missing Access","code":50001}""", DeliveryOutcome.Gone)]
    [InlineData(403, """{"message":"Missing Permissions","code":50013}""", DeliveryOutcome.Gone)]
    [InlineData(400, """{"message":"Invalid Form Body","code":50035}""", DeliveryOutcome.Failed)]
    [InlineData(403, """{"message":"Cannot execute action on this channel type","code":50024}""", DeliveryOutcome.Failed)]
    [InlineData(401, """{"message":"401: Unauthorized","code":0}""", DeliveryOutcome.Unauthorized)]
    [InlineData(500, """{"message":"Internal Server Error","code":0}""", DeliveryOutcome.Retry)]
    [InlineData(503, "", DeliveryOutcome.Retry)]
    public async Task The_messenger_maps_discord_errors_to_delivery_outcomes(int status, string body, DeliveryOutcome expected)
    {
        await using var fake = await FakeDiscord.StartAsync();
        fake.Respond = _ => new FakeResponse(status, body);
        var (rest, _, http) = Client(fake);
        using (http)
        {
            var messenger = new DiscordMessenger(rest, new UiTexts());
            var result = await messenger.SendAsync(new ChatAddress(DiscordPlatform.Id, "42", ChatKind.Group), Reply.FromBlocks(ReplyText.Paragraph("hi")), CancellationToken.None);
            Assert.Equal(expected, result.Outcome);
            Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Reason, StringComparison.Ordinal);
            Assert.Single(fake.Requests); // one attempt: the delivery worker owns the retries
            Assert.DoesNotContain("rest-token", result.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_messenger_sends_and_reports_a_rate_limit_with_its_wait()
    {
        await using var fake = await FakeDiscord.StartAsync();
        var (rest, _, http) = Client(fake);
        using (http)
        {
            var messenger = new DiscordMessenger(rest, new UiTexts());
            var chat = new ChatAddress(DiscordPlatform.Id, "42", ChatKind.Group);
            var sent = await messenger.SendAsync(chat, Reply.FromBlocks(ReplyText.Paragraph("@everyone hi")), CancellationToken.None);
            Assert.Equal(DeliveryOutcome.Sent, sent.Outcome);
            var post = Assert.Single(fake.Requests);
            Assert.Equal("channels/42/messages", post.Path);
            Assert.Equal("\\@everyone hi", post.Json.GetProperty("content").GetString());
            Assert.Equal(0, post.Json.GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());

            fake.Respond = _ => new FakeResponse(429, """{"message":"slow down","retry_after":2.5,"global":false}""");
            var limited = await messenger.SendAsync(chat, Reply.FromBlocks(ReplyText.Paragraph("again")), CancellationToken.None);
            Assert.Equal(DeliveryOutcome.RateLimited, limited.Outcome);
            Assert.Equal(TimeSpan.FromSeconds(2.5), limited.RetryAfter);
            Assert.Equal(2, fake.Requests.Count); // not waited out here: the delivery worker comes back
        }
    }

    [Fact]
    public async Task The_messenger_reports_a_send_without_an_answer_as_uncertain_not_failed()
    {
        await using var fake = await FakeDiscord.StartAsync();
        fake.MessageDelay = TimeSpan.FromSeconds(8);
        var time = new SignallingTimeProvider();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var options = Options.Create(new DiscordOptions { Token = "rest-token", ApiBaseUrl = fake.ApiBase });
        var rest = new DiscordRestClient(http, new DiscordRateLimiter(time), time, options, NullLogger<DiscordRestClient>.Instance);
        var messenger = new DiscordMessenger(rest, new UiTexts());

        var result = await messenger.SendAsync(new ChatAddress(DiscordPlatform.Id, "42", ChatKind.Group), Reply.FromBlocks(ReplyText.Paragraph("hi")), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Uncertain, result.Outcome);
        for (var waited = 0; fake.Requests.IsEmpty && waited < 200; waited++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System); // the fake records on arrival
        }

        Assert.Equal("channels/42/messages", Assert.Single(fake.Requests).Path); // it reached Discord, once: not repeated
    }
}

