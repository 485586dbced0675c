using System.Net;
using System.Net.Sockets;
using Bot.Core.Delivery;
using Bot.Telegram.Api;
using Telegram.Bot;
using Xunit;

namespace Bot.Tests.Telegram;

/// <summary>
/// A send that got no answer may have arrived and must not be resent; one whose connection was never
/// made did not and may be. Classified on what the real Telegram.Bot client throws over the wire.
/// </summary>
public sealed class TelegramNoAnswerTests
{
    [Fact]
    public async Task A_request_that_times_out_may_have_arrived()
    {
        await using var api = await FakeBotApi.StartAsync(TelegramTestHost.Token);
        api.SendDelay = TimeSpan.FromSeconds(10);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var client = new TelegramBotClient(new TelegramBotClientOptions(TelegramTestHost.Token, api.BaseUrl.AbsoluteUri.TrimEnd('/')) { RetryCount = 0, RetryThreshold = 0 }, http);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => client.SendMessage(42, "hi"));

        Assert.Single(await api.WaitForAsync("sendMessage")); // it reached the platform
        Assert.Equal(DeliveryOutcome.Uncertain, TelegramErrors.Classify(error).Outcome);
    }

    [Fact]
    public async Task A_connection_that_could_not_be_made_did_not_deliver()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop(); // nothing listens there now
        using var http = new HttpClient();
        var client = new TelegramBotClient(new TelegramBotClientOptions(TelegramTestHost.Token, $"http://127.0.0.1:{port}") { RetryCount = 0, RetryThreshold = 0 }, http);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => client.SendMessage(42, "hi"));

        Assert.Equal(DeliveryOutcome.Retry, TelegramErrors.Classify(error).Outcome);
    }
}
