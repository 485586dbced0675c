using Bot.Core.Delivery;
using Bot.Testing.Broadcast;
using Xunit;

namespace Bot.Tests.Broadcast;

/// <summary>
/// The load test, scaled down: a real-time broadcast through the real messengers and HTTP clients to
/// loopback fakes that enforce Telegram's and Discord's limits and answer 429 beyond them. The full
/// 1,000 + 1,000 run is <c>dotnet run -c Release --project Bot.Benchmarks -- --broadcast</c>.
/// The rate reached is a performance claim and lives there, not here: on a busy machine a test
/// process's throughput says little about the code.
/// </summary>
[Collection(RealTimeLoad.Name)]
public sealed class ScaledBroadcastLoadTests
{
    private const int TelegramChats = 60;
    private const int DiscordChannels = 100;

    /// <summary>
    /// The fakes run in the test process on a shared build machine: a request can sit in a queue for
    /// a while before the fake's handler stamps it, so the fake forgives that much; the full load test
    /// forgives nothing.
    /// </summary>
    /// <remarks>
    /// The limits are halved (Telegram 15/s, Discord 25/s, on both sides): on a 2-core machine shared
    /// with other builds, a Debug test process cannot always keep 80 sends a second going, and this
    /// test is about keeping to the limits, not about the machine. The full-rate numbers come from
    /// the load test.
    /// </remarks>
    private static readonly FakePlatformLimits Limits = new()
    {
        TelegramPerSecond = 15,
        DiscordPerSecond = 25,
        JitterAllowance = TimeSpan.FromMilliseconds(250),
        Latency = TimeSpan.FromMilliseconds(10),
    };

    /// <summary>
    /// The same broadcast with and without the moderator's live progress: the progress edits (at most one per 5 s, low
    /// priority) cost the broadcast no measurable time and draw no 429. <c>BOT_PROGRESS_LOAD_CHATS</c> sets the number of
    /// Telegram chats (default 150; the figure in the closing note is for 2,000 at 30/s).
    /// </summary>
    [Fact]
    public async Task A_broadcast_with_live_progress_takes_no_longer_and_draws_no_429()
    {
        var chats = int.TryParse(Environment.GetEnvironmentVariable("BOT_PROGRESS_LOAD_CHATS"), out var n) ? n : 150;
        var limits = chats > 500 ? new FakePlatformLimits { JitterAllowance = TimeSpan.FromMilliseconds(250), Latency = TimeSpan.FromMilliseconds(50) } : Limits;
        var options = new DeliveryOptions { MaxArrivalDelay = TimeSpan.FromMilliseconds(50) };
        await using (var warmUp = await LimitedPlatformFake.StartAsync(limits))
        {
            await BroadcastLoad.RunAsync(warmUp, 3, 0, options, withProgress: true, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        }

        BroadcastLoadResult without, with;
        int edits;
        await using (var fake = await LimitedPlatformFake.StartAsync(limits))
        {
            without = await BroadcastLoad.RunAsync(fake, chats, 0, options, withProgress: false, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(5));
        }

        await using (var fake = await LimitedPlatformFake.StartAsync(limits))
        {
            with = await BroadcastLoad.RunAsync(fake, chats, 0, options, withProgress: true, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(5));
            edits = fake.TelegramEdits;
        }

        Console.WriteLine($"progress load: {chats} Telegram chats at {limits.TelegramPerSecond}/s: without progress {without.Elapsed.TotalSeconds:F2} s, with {with.Elapsed.TotalSeconds:F2} s and {edits} progress edits; 429: {without.Telegram429} / {with.Telegram429}");
        Assert.Equal(0, with.Telegram429);
        Assert.Equal(chats, with.TelegramDelivered.Count);
        Assert.All(with.TelegramDelivered.Values, d => Assert.Equal(1, d));
        Assert.InRange(edits, 1, 1 + ((int)with.Elapsed.TotalSeconds / 5) + 1); // at least the final count; live ones after 10 s of patience
        // One turn in 10 s at most goes to the edits (0.3 % at 30/s); the rest is the shared machine's noise between two runs.
        Assert.True(with.Elapsed <= (without.Elapsed * 1.03) + TimeSpan.FromSeconds(1), $"with progress {with.Elapsed}, without {without.Elapsed}");
    }

    [Fact]
    public async Task A_broadcast_reaches_every_chat_once_without_a_429_and_pauses_gone_channels()
    {
        // A message counts until a second after its answer, or 50 ms after sending when the answer is
        // slower (the busy test machine's answers are): the fake forgives 250 ms, so this cannot cause a 429.
        var options = new DeliveryOptions { MaxArrivalDelay = TimeSpan.FromMilliseconds(50) };
        await using (var warmUp = await LimitedPlatformFake.StartAsync(Limits))
        {
            // JIT and connections first: the numbers below are a running bot's.
            await BroadcastLoad.RunAsync(warmUp, 3, 3, options, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        }

        await using var fake = await LimitedPlatformFake.StartAsync(Limits);
        var goneTelegram = BroadcastLoad.TelegramChat(17);
        var unknownChannel = BroadcastLoad.DiscordChannel(23);
        var missingAccess = BroadcastLoad.DiscordChannel(42);
        fake.GoneTelegramChats[goneTelegram] = true;
        fake.GoneDiscordChannels[unknownChannel] = true;
        fake.GoneDiscordChannels[missingAccess] = false;

        var result = await BroadcastLoad.RunAsync(fake, TelegramChats, DiscordChannels, options, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(result.Telegram429 == 0, $"Telegram answered 429 {result.Telegram429} times");
        Assert.True(result.Discord429 == 0, $"Discord answered 429 {result.Discord429} times");
        Assert.Equal(TelegramChats - 1, result.TelegramDelivered.Count);
        Assert.Equal(DiscordChannels - 2, result.DiscordDelivered.Count);
        Assert.All(result.TelegramDelivered.Values, n => Assert.Equal(1, n));
        Assert.All(result.DiscordDelivered.Values, n => Assert.Equal(1, n));
        Assert.DoesNotContain(goneTelegram, result.TelegramDelivered.Keys);
        Assert.Equal(new DeliveryProgress(0, 0, TelegramChats + DiscordChannels - 3, 3, 0, 0), result.Progress);
        Assert.Equal(
            [goneTelegram, unknownChannel, missingAccess],
            result.Paused.Select(p => p.Chat.ChatId).Order(StringComparer.Ordinal));
        Assert.Contains(result.Paused, p => p.Chat.ChatId == unknownChannel && p.PausedReason!.Contains("10003", StringComparison.Ordinal));
        Assert.Contains(result.Paused, p => p.Chat.ChatId == missingAccess && p.PausedReason!.Contains("50001", StringComparison.Ordinal));
        Assert.Contains(result.Paused, p => p.Chat.ChatId == goneTelegram && p.PausedReason!.Contains("403", StringComparison.Ordinal));
    }
}
