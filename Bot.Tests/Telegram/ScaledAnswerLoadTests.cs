using Bot.Testing.Answers;
using Bot.Testing.Broadcast;
using Bot.Tests.Broadcast;
using Bot.Tests.Support;
using Xunit;

namespace Bot.Tests.Telegram;

/// <summary>
/// The answer load test, scaled down: the real Telegram adapter in a real host, polling a loopback fake that
/// enforces Telegram's limits on the answers and answers 429 beyond them. The full run, with the figures of
/// issue 12 (bot time, rate, answers during a broadcast), is
/// <c>dotnet run -c Release --project Bot.Benchmarks -- --answers</c>; here only what a busy machine cannot
/// spoil is asserted, with wide margins.
/// </summary>
[Collection(RealTimeLoad.Name)]
public sealed class ScaledAnswerLoadTests
{
    private const int Members = 30;

    /// <summary>Half Telegram's overall rate, so that 30 members take two windows; the fake forgives a busy machine 250 ms.</summary>
    private static readonly FakePlatformLimits Limits = new()
    {
        TelegramPerSecond = 15,
        JitterAllowance = TimeSpan.FromMilliseconds(250),
        Latency = TimeSpan.FromMilliseconds(10),
    };

    private static readonly TimeSpan MaxArrivalDelay = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task Members_asking_at_once_are_answered_once_each_without_a_429_and_one_chats_429_holds_up_no_other_chat()
    {
        await using var fake = await LimitedPlatformFake.StartAsync(Limits);
        await using var load = await AnswerLoad.StartAsync(fake, TestPaths.Content, MaxArrivalDelay, CancellationToken.None);
        // JIT and connections first.
        await load.AskAsync(3, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        var burst = await load.AskAsync(Members, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(Members, burst.Answers.Count);
        Assert.Equal(0, burst.AnsweredMoreThanOnce);
        Assert.True(burst.Telegram429 == 0, $"Telegram answered 429 {burst.Telegram429} times");

        var limited = await load.AskBesideRateLimitedChatAsync(Members, retryAfterSeconds: 2, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(limited.Baseline.AllAnsweredOnce && limited.Limited.AllAnsweredOnce, "every member is answered exactly once, the refused one too");
        Assert.True(limited.Baseline.Telegram429 + limited.Limited.Telegram429 == 0, "no 429 besides the forced one");
        Assert.InRange(limited.RefusedAnswer!.Total, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30));
        Assert.True(limited.OthersMaxBotTime < TimeSpan.FromSeconds(1), $"another chat waited {limited.OthersMaxBotTime.TotalMilliseconds:0} ms beyond the limit");
    }
}
