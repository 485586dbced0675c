using System.Net;
using System.Net.Sockets;
using Bot.Core.Commands;
using Bot.Core.Delivery;
using Bot.Core.Delivery.RateLimits;
using Bot.Core.Replies;
using Bot.Core.Storage;
using Bot.Discord;
using Bot.Discord.Api;
using Bot.Discord.Rest;
using Bot.Telegram;
using Bot.Telegram.Api;
using Bot.Telegram.Rendering;
using Bot.Tests.Discord.Support;
using Bot.Tests.Storage;
using Bot.Tests.Telegram;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Xunit;
using DiscordAnswer = Bot.Tests.Discord.Support.FakeResponse;
using TelegramAnswer = Bot.Tests.Telegram.FakeResponse;
using Bot.Core.Kernel;
using Bot.Core.Moderation;

namespace Bot.Tests.Delivery;

/// <summary>
/// The one error model on both platforms, over the wire to the loopback fakes: a message without an
/// answer is uncertain and never sent again, a read without one is asked again, a connection that could
/// not be made is transient, and a refused token keeps every post pending and no chat gone.
/// </summary>
public sealed class PlatformErrorTests : IDisposable
{
    private const string DiscordToken = "rest-token";
    private static readonly Reply Hello = Reply.FromBlocks(ReplyText.Paragraph("hi"));
    private readonly SignalingTimeProvider _time = new();
    private readonly TempSqlite _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_message_that_got_no_answer_is_uncertain_and_not_sent_again_on_either_platform()
    {
        await using var telegram = await FakeBotApi.StartAsync(TelegramTestHost.Token);
        telegram.SendDelay = TimeSpan.FromSeconds(10);
        await using var discord = await FakeDiscord.StartAsync();
        discord.Delay = _ => TimeSpan.FromSeconds(10);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var answers = new TelegramReplySender(TelegramApi(telegram, http));
        var rest = DiscordRest(discord, http);

        // The answer paths with their usual attempts: repeating either would put a second copy in the chat.
        var telegramError = await Assert.ThrowsAnyAsync<Exception>(() => answers.SendAsync(42, TelegramReplyMapper.Map(Hello, UiLanguage.En), null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20), TimeProvider.System));
        var discordError = await Assert.ThrowsAnyAsync<Exception>(() => rest.CreateFollowupAsync("111", "token-1", new MessagePayload { Content = "hi" }, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20), TimeProvider.System));

        Assert.Equal(DeliveryOutcome.Uncertain, TelegramErrors.Classify(telegramError).Outcome);
        Assert.Equal(DeliveryOutcome.Uncertain, DiscordErrors.Classify(discordError).Outcome);
        Assert.False(_time.TryTakeTimer(out var retry), $"a retry was scheduled in {retry}");
        Assert.Single(await telegram.WaitForAsync("sendMessage")); // it reached the platform, once
        Assert.Single(discord.Requests);
    }

    [Fact]
    public async Task A_read_that_got_no_answer_is_asked_again_after_a_back_off_on_either_platform()
    {
        await using var telegram = await FakeBotApi.StartAsync(TelegramTestHost.Token);
        var getMe = 0;
        telegram.Delay = call => call.Method == "getMe" && Interlocked.Increment(ref getMe) == 1 ? TimeSpan.FromSeconds(10) : TimeSpan.Zero;
        await using var discord = await FakeDiscord.StartAsync();
        var gateway = 0;
        discord.Delay = request => request.Path == "gateway/bot" && Interlocked.Increment(ref gateway) == 1 ? TimeSpan.FromSeconds(10) : TimeSpan.Zero;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var api = TelegramApi(telegram, http);
        var rest = DiscordRest(discord, http);

        foreach (var read in new Func<Task>[] { () => api.CallAsync("getMe", (client, ct) => client.GetMe(ct), CancellationToken.None), () => rest.GetGatewayBotAsync(CancellationToken.None) })
        {
            var running = read();
            var backoff = await _time.NextTimerAsync();
            Assert.InRange(backoff, TimeSpan.FromTicks(1), PlatformRetry.MaxDelay);
            _time.Advance(backoff);
            await running.WaitAsync(TimeSpan.FromSeconds(20), TimeProvider.System);
        }

        Assert.Equal(2, telegram.CallsTo("getMe").Count);
        Assert.Equal(2, discord.Requests.Count(r => r.Path == "gateway/bot"));
    }

    [Fact]
    public async Task A_connection_that_could_not_be_made_is_transient_on_either_platform()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop(); // nothing listens there now
        using var http = new HttpClient();
        var telegram = new TelegramMessenger(new TelegramReplySender(new TelegramApi(TelegramClient(new Uri($"http://127.0.0.1:{port}"), http), _time, NullLogger<TelegramApi>.Instance)), new UiTexts());
        var discord = new DiscordMessenger(DiscordRest(new Uri($"http://127.0.0.1:{port}/api/v10"), http), new UiTexts());

        var fromTelegram = await telegram.SendAsync(new ChatAddress(TelegramPlatform.Id, "42", ChatKind.Private), Hello, CancellationToken.None);
        var fromDiscord = await discord.SendAsync(new ChatAddress(DiscordPlatform.Id, "42", ChatKind.Group), Hello, CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Retry, fromTelegram.Outcome);
        Assert.Equal(DeliveryOutcome.Retry, fromDiscord.Outcome);
    }

    [Fact]
    public async Task A_refused_token_keeps_every_post_pending_and_no_chat_gone_on_either_platform()
    {
        await using var telegram = await FakeBotApi.StartAsync(TelegramTestHost.Token);
        telegram.Respond = call => call.Method == "sendMessage" ? TelegramAnswer.Error(401, "Unauthorized") : null;
        await using var discord = await FakeDiscord.StartAsync();
        discord.Respond = _ => new DiscordAnswer(401, """{"message":"401: Unauthorized","code":0}""");
        using var http = new HttpClient();
        await using var database = _temp.Open(_time);
        await database.InitializeAsync(CancellationToken.None);
        var outbox = new OutboxStore(database, _time);
        var subscriptions = new SubscriptionStore(database, _time);
        using var logs = new CapturingLoggerProvider();
        using var logging = LoggerFactory.Create(builder => builder.AddProvider(logs));
        var signal = new DeliverySignal();
        IMessenger[] messengers =
        [
            new TelegramMessenger(new TelegramReplySender(TelegramApi(telegram, http)), new UiTexts()),
            new DiscordMessenger(DiscordRest(discord, http), new UiTexts()),
        ];
        using var worker = new DeliveryWorker(outbox, subscriptions, messengers, signal, Options.Create(new DeliveryOptions { MaxAttempts = 1 }), database, _time, logging.CreateLogger<DeliveryWorker>(), new DeliveryRateLimiter(Options.Create(new DeliveryOptions()), [], _time), [new OutboxPostRenderer<AnnouncementPost>()]);
        ChatAddress[] chats = [new(TelegramPlatform.Id, "-1001", ChatKind.Group), new(TelegramPlatform.Id, "-1002", ChatKind.Group), new(DiscordPlatform.Id, "2001", ChatKind.Group), new(DiscordPlatform.Id, "2002", ChatKind.Group)];
        foreach (var chat in chats)
        {
            await subscriptions.UpsertAsync(new Subscription(chat, SubscriptionTopics.All, UiLanguage.Nl), "test", CancellationToken.None);
        }

        await outbox.EnqueueAsync(chats.Select(c => new OutboxRow($"announcement:1:{c.Platform}:{c.ChatId}", c, OutboxPayload.Of(new AnnouncementPost("Aankondiging")), _time.GetUtcNow(), null, null)), CancellationToken.None);

        await worker.RunOnceAsync(CancellationToken.None);
        _time.Advance(PlatformRetry.UnauthorizedPause);
        await worker.RunOnceAsync(CancellationToken.None); // one send per platform tries the token again

        // Before: each row failed for good (401 was a refusal of the message) after one attempt.
        Assert.Equal(4, (await outbox.CountByStatusAsync(CancellationToken.None))[OutboxStatus.Pending]);
        Assert.Empty(await subscriptions.ListPausedAsync(CancellationToken.None));
        var refused = logs.Lines.Where(l => l.Contains("[5213]", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, refused.Count); // one clear line per platform, not one per post or per try
        Assert.Contains(refused, l => l.Contains("Telegram refused", StringComparison.Ordinal));
        Assert.Contains(refused, l => l.Contains("Discord refused", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(TelegramTestHost.Token.Split(':')[1], StringComparison.Ordinal) || l.Contains(DiscordToken, StringComparison.Ordinal));
    }

    private static TelegramBotClient TelegramClient(Uri baseUrl, HttpClient http) =>
        new(new TelegramBotClientOptions(TelegramTestHost.Token, baseUrl.AbsoluteUri.TrimEnd('/')) { RetryCount = 0, RetryThreshold = 0 }, http);

    private TelegramApi TelegramApi(FakeBotApi fake, HttpClient http) => new(TelegramClient(fake.BaseUrl, http), _time, NullLogger<TelegramApi>.Instance);

    private DiscordRestClient DiscordRest(FakeDiscord fake, HttpClient http) => DiscordRest(fake.ApiBase, http);

    private DiscordRestClient DiscordRest(Uri apiBase, HttpClient http) =>
        new(http, new DiscordRateLimiter(_time), _time, Options.Create(new DiscordOptions { Token = DiscordToken, ApiBaseUrl = apiBase }), NullLogger<DiscordRestClient>.Instance);
}
