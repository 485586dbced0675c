using Bot.Core.Commands;
using Bot.Core.Delivery;
using Bot.Core.Delivery.RateLimits;
using Bot.Core.Kernel;
using Bot.Core.Moderation;
using Bot.Core.Storage;
using Bot.Telegram;
using Bot.Telegram.Api;
using Bot.Tests.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Telegram.Bot;
using Xunit;

namespace Bot.Tests.Telegram;

/// <summary>A long announcement is several messages; when one fails, the retry resumes there instead of repeating the first.</summary>
public sealed class TelegramMultiPartDeliveryTests : IDisposable
{
    private readonly TempSqlite _temp = new();

    [Fact]
    public async Task A_part_that_fails_is_retried_without_sending_the_earlier_parts_again()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        await using var api = await FakeBotApi.StartAsync(TelegramTestHost.Token);
        var sends = 0;
        api.Respond = call => call.Method == "sendMessage" && Interlocked.Increment(ref sends) == 2 ? FakeResponse.Error(502, "Bad Gateway") : null;
        await using var database = _temp.Open(time);
        await database.InitializeAsync(CancellationToken.None);
        var outbox = new OutboxStore(database, time);
        using var http = new HttpClient();
        var client = new TelegramBotClient(new TelegramBotClientOptions(TelegramTestHost.Token, api.BaseUrl.AbsoluteUri.TrimEnd('/')) { RetryCount = 0, RetryThreshold = 0 }, http);
        var messenger = new TelegramMessenger(new TelegramReplySender(new TelegramApi(client, time, NullLogger<TelegramApi>.Instance)), new UiTexts());
        var signal = new DeliverySignal();
        using var worker = new DeliveryWorker(outbox, new SubscriptionStore(database, time), [messenger], signal, Options.Create(new DeliveryOptions()), database, time, NullLogger<DeliveryWorker>.Instance, new DeliveryRateLimiter(Options.Create(new DeliveryOptions()), [], time), [new OutboxPostRenderer<AnnouncementPost>()]);
        var chat = new ChatAddress(TelegramPlatform.Id, "42", ChatKind.Private);
        var paragraphs = Enumerable.Range(1, 3).Select(i => $"Deel {i}: " + new string('x', 3000)).ToList();
        await outbox.EnqueueAsync([new OutboxRow("announcement:1:Telegram:42", chat, OutboxPayload.Of(new AnnouncementPost(string.Join("\n\n", paragraphs))), time.GetUtcNow(), null, null)], CancellationToken.None);

        await worker.RunOnceAsync(CancellationToken.None); // part 1 arrives, part 2 gets a 502
        time.Advance(TimeSpan.FromMinutes(1));
        await worker.RunOnceAsync(CancellationToken.None); // the retry: parts 2 and 3

        var texts = api.CallsTo("sendMessage").Select(c => c.Text!).ToList();
        Assert.Equal(4, texts.Count);
        Assert.Single(texts, t => t.Contains("Deel 1", StringComparison.Ordinal));
        Assert.Equal(2, texts.Count(t => t.Contains("Deel 2", StringComparison.Ordinal))); // the failed one and its retry
        Assert.Single(texts, t => t.Contains("Deel 3", StringComparison.Ordinal));
        Assert.Equal(OutboxStatus.Sent, Assert.Single(await outbox.ListAsync(CancellationToken.None)).Status);
    }

    public void Dispose() => _temp.Dispose();
}
