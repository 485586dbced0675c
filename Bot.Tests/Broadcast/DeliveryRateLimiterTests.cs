using Bot.Core.Delivery;
using Bot.Core.Delivery.RateLimits;
using Bot.Core.Kernel;
using Bot.Discord;
using Bot.Host;
using Bot.Telegram;
using Bot.Tests.Support;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Bot.Tests.Broadcast;

/// <summary>The platforms' send limits on fake time.</summary>
public sealed class DeliveryRateLimiterTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxArrival = TimeSpan.FromMilliseconds(100);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 4, 0, 0, TimeSpan.Zero));

    private DeliveryRateLimiter Limiter() => new(Options.Create(new DeliveryOptions { MaxArrivalDelay = MaxArrival }), TestPlatforms.Limits, _time);

    private static ChatAddress Telegram(int i, ChatKind kind = ChatKind.Group) => new(TelegramPlatform.Id, (-1000 - i).ToString(System.Globalization.CultureInfo.InvariantCulture), kind);

    private static ChatAddress Discord(int i) => new(DiscordPlatform.Id, (5000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), ChatKind.Group);

    /// <summary>Takes a turn, answered at once.</summary>
    private static TimeSpan Send(DeliveryRateLimiter limiter, ChatAddress chat)
    {
        var wait = limiter.TryReserve(chat, out var turn);
        turn?.Finish();
        return wait;
    }

    [Fact]
    public void Telegram_lets_30_messages_a_second_through_overall_and_then_makes_the_31st_wait()
    {
        var limiter = Limiter();
        for (var i = 0; i < 30; i++)
        {
            Assert.Equal(TimeSpan.Zero, Send(limiter, Telegram(i)));
        }

        Assert.Equal(Second, Send(limiter, Telegram(30)));
        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(TimeSpan.FromMilliseconds(1), Send(limiter, Telegram(30)));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(TimeSpan.Zero, Send(limiter, Telegram(30)));
    }

    [Fact]
    public async Task An_answer_waiting_for_a_turn_goes_before_the_broadcast()
    {
        var limiter = Limiter();
        for (var i = 0; i < 30; i++)
        {
            Assert.Equal(TimeSpan.Zero, Send(limiter, Telegram(i)));
            _time.Advance(TimeSpan.FromMilliseconds(10));
        }

        var answer = limiter.WaitAnswerTurnAsync(Telegram(100, ChatKind.Private), CancellationToken.None);
        Assert.False(answer.IsCompleted);

        // One slot frees: the broadcast leaves it to the waiting answer.
        _time.Advance(TimeSpan.FromMilliseconds(700));
        Assert.NotEqual(TimeSpan.Zero, limiter.TryReserve(Telegram(200), out var broadcast));
        Assert.Null(broadcast);
        (await answer.WaitAsync(TimeSpan.FromSeconds(10))).Finish();

        // With no answer waiting, the broadcast takes the next free slot.
        _time.Advance(TimeSpan.FromMilliseconds(10));
        Assert.Equal(TimeSpan.Zero, Send(limiter, Telegram(200)));
    }

    [Fact]
    public void A_message_counts_until_a_second_after_its_answer_or_after_the_longest_arrival_delay()
    {
        var limiter = Limiter();
        var turns = new List<DeliveryRateLimiter.Turn>();
        for (var i = 0; i < 30; i++)
        {
            Assert.Equal(TimeSpan.Zero, limiter.TryReserve(Telegram(i), out var turn));
            turns.Add(turn!);
        }

        // All in flight: when they reached Telegram is not known yet; ask again when one is answered.
        Assert.Equal(Second, limiter.WaitFor(Telegram(30)));
        _time.Advance(TimeSpan.FromMilliseconds(40));
        turns[0].Finish();
        Assert.Equal(Second, limiter.WaitFor(Telegram(30)));

        // The others are still unanswered at 100 ms: they reached Telegram by then at the latest.
        _time.Advance(TimeSpan.FromMilliseconds(60));
        Assert.Equal(TimeSpan.FromMilliseconds(940), limiter.WaitFor(Telegram(30)));
        _time.Advance(TimeSpan.FromMilliseconds(940));
        Assert.Equal(TimeSpan.Zero, Send(limiter, Telegram(30)));
        Assert.Equal(TimeSpan.FromMilliseconds(60), limiter.WaitFor(Telegram(31)));
    }

    [Fact]
    public void A_turn_taken_before_a_slow_claim_counts_from_when_its_request_really_goes_out()
    {
        var limiter = Limiter();
        var turns = new List<DeliveryRateLimiter.Turn>();
        for (var i = 0; i < 30; i++)
        {
            limiter.TryReserve(Telegram(i), out var turn);
            turns.Add(turn!);
        }

        // The claim took 300 ms; then the requests go out and are never answered.
        _time.Advance(TimeSpan.FromMilliseconds(300));
        turns.ForEach(t => t.Sending());
        _time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(Second, limiter.WaitFor(Telegram(30)));
        _time.Advance(Second);
        Assert.Equal(TimeSpan.Zero, limiter.WaitFor(Telegram(30)));
    }

    [Fact]
    public void Telegram_lets_one_message_a_second_through_per_chat_and_other_chats_go_meanwhile()
    {
        var limiter = Limiter();
        Assert.Equal(TimeSpan.Zero, Send(limiter, Telegram(1, ChatKind.Private)));
        Assert.Equal(Second, Send(limiter, Telegram(1, ChatKind.Private)));
        Assert.Equal(TimeSpan.Zero, Send(limiter, Telegram(2, ChatKind.Private)));
        _time.Advance(Second);
        Assert.Equal(TimeSpan.Zero, Send(limiter, Telegram(1, ChatKind.Private)));
    }

    [Fact]
    public void Telegram_lets_20_messages_a_minute_through_per_group_but_not_per_private_chat()
    {
        var limiter = Limiter();
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(TimeSpan.Zero, Send(limiter, Telegram(1)));
            Assert.Equal(TimeSpan.Zero, Send(limiter, Telegram(2, ChatKind.Private)));
            _time.Advance(TimeSpan.FromSeconds(2));
        }

        // 40 s went by: the group waits until the minute of its first message is over.
        Assert.Equal(TimeSpan.FromSeconds(20), Send(limiter, Telegram(1)));
        Assert.Equal(TimeSpan.Zero, Send(limiter, Telegram(2, ChatKind.Private)));
    }

    [Fact]
    public void Discord_lets_50_a_second_through_overall_with_no_per_channel_limit_of_its_own()
    {
        var limiter = Limiter();
        for (var i = 0; i < 50; i++)
        {
            // Two channels, many messages: their per-route buckets are the REST client's business.
            Assert.Equal(TimeSpan.Zero, Send(limiter, Discord(i % 2)));
        }

        Assert.Equal(Second, Send(limiter, Discord(3)));
        Assert.Equal(TimeSpan.Zero, Send(limiter, Telegram(1)));
        Assert.Equal(TimeSpan.Zero, Send(limiter, new ChatAddress(ConsolePlatform.Id, "console", ChatKind.Private)));
    }

    [Fact]
    public void A_429_for_one_chat_slows_that_chat_only()
    {
        var limiter = Limiter();
        limiter.RateLimited(Telegram(1), TimeSpan.FromSeconds(7));
        Assert.Equal(TimeSpan.FromSeconds(7), Send(limiter, Telegram(1)));
        Assert.Equal(TimeSpan.Zero, Send(limiter, Telegram(2)));
        Assert.Equal(TimeSpan.Zero, limiter.PlatformBlockedFor(TelegramPlatform.Id));
    }

    [Fact]
    public void A_429_for_a_second_chat_within_a_second_slows_the_whole_platform()
    {
        var limiter = Limiter();
        limiter.RateLimited(Telegram(1), TimeSpan.FromSeconds(3));
        _time.Advance(TimeSpan.FromMilliseconds(500));
        limiter.RateLimited(Telegram(2), TimeSpan.FromSeconds(3));

        Assert.Equal(TimeSpan.FromSeconds(3), limiter.PlatformBlockedFor(TelegramPlatform.Id));
        Assert.Equal(TimeSpan.FromSeconds(3), Send(limiter, Telegram(9)));
        Assert.Equal(TimeSpan.Zero, Send(limiter, Discord(1)));
    }

    [Fact]
    public void A_global_429_slows_the_whole_platform_at_once()
    {
        var limiter = Limiter();
        limiter.RateLimited(Discord(1), TimeSpan.FromSeconds(2), global: true);
        Assert.Equal(TimeSpan.FromSeconds(2), Send(limiter, Discord(2)));
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(TimeSpan.Zero, Send(limiter, Discord(2)));
    }

    [Fact]
    public async Task Waiting_for_a_turn_waits_on_the_injected_clock()
    {
        var limiter = Limiter();
        (await limiter.WaitTurnAsync(Telegram(1), CancellationToken.None)).Finish();
        var second = limiter.WaitTurnAsync(Telegram(1), CancellationToken.None);
        Assert.False(second.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(second.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        (await second.WaitAsync(TimeSpan.FromSeconds(10))).Finish();
        Assert.Equal(Second, limiter.WaitFor(Telegram(1)));
    }
}
