using Bot.Core.Delivery;
using Bot.Tests.Telegram;
using Xunit;

namespace Bot.Tests.Delivery;

/// <summary>The retries every platform call goes through, by the error model alone, on fake time.</summary>
public sealed class PlatformRetryTests
{
    private readonly SignalingTimeProvider _time = new();
    private readonly List<(string Call, int Attempt)> _retries = [];

    [Theory]
    [InlineData(DeliveryOutcome.Retry, true, 5)]
    [InlineData(DeliveryOutcome.Retry, false, 5)]
    [InlineData(DeliveryOutcome.Uncertain, true, 5)]
    [InlineData(DeliveryOutcome.Uncertain, false, 1)] // it may have arrived: a message is never sent twice
    [InlineData(DeliveryOutcome.Gone, true, 1)]
    [InlineData(DeliveryOutcome.Unauthorized, true, 1)]
    [InlineData(DeliveryOutcome.Failed, true, 1)]
    public async Task Only_what_is_safe_to_repeat_is_repeated_each_after_a_back_off(DeliveryOutcome outcome, bool idempotent, int attempts)
    {
        var retry = Retry();
        var made = 0;

        var running = retry.RunAsync<int>("call", idempotent, PlatformRetry.MaxAttempts, _ => { made++; throw new PlatformException(new DeliveryResult(outcome, "no")); }, CancellationToken.None);
        for (var waited = 1; waited < attempts; waited++)
        {
            var backoff = await _time.NextTimerAsync();
            Assert.InRange(backoff, TimeSpan.FromTicks(1), PlatformRetry.MaxDelay);
            Assert.Equal(waited, made);
            _time.Advance(backoff);
        }

        var error = await Assert.ThrowsAsync<PlatformException>(() => running);
        Assert.Equal(outcome, error.Result.Outcome);
        Assert.Equal(attempts, made);
        Assert.Equal(Enumerable.Range(2, attempts - 1).Select(a => ("call", a)), _retries);
    }

    [Fact]
    public async Task A_rate_limit_is_waited_out_for_its_retry_after_and_a_long_one_is_handed_back()
    {
        var retry = Retry();
        var made = 0;
        var waits = new Queue<TimeSpan>([TimeSpan.FromSeconds(7), PlatformRetry.MaxWait + TimeSpan.FromSeconds(1)]);

        var running = retry.RunAsync<int>("call", false, PlatformRetry.MaxAttempts, _ => { made++; throw new PlatformException(new DeliveryResult(DeliveryOutcome.RateLimited, "429", waits.Dequeue())); }, CancellationToken.None);
        Assert.Equal(TimeSpan.FromSeconds(7), await _time.NextTimerAsync());
        _time.Advance(TimeSpan.FromSeconds(6.9));
        Assert.Equal(1, made);
        _time.Advance(TimeSpan.FromSeconds(0.1));

        var error = await Assert.ThrowsAsync<PlatformException>(() => running);
        Assert.Equal(2, made);
        Assert.Equal(PlatformRetry.MaxWait + TimeSpan.FromSeconds(1), error.Result.RetryAfter); // the delivery worker waits that long, not the call
    }

    [Fact]
    public async Task A_call_gets_no_more_attempts_than_its_caller_allows()
    {
        var retry = Retry();
        var made = 0;

        await Assert.ThrowsAsync<PlatformException>(() => retry.RunAsync<int>("post", false, 1, _ => { made++; throw new PlatformException(new DeliveryResult(DeliveryOutcome.Retry, "502")); }, CancellationToken.None));

        Assert.Equal(1, made);
        Assert.False(_time.TryTakeTimer(out _));
    }

    private PlatformRetry Retry() => new(_time, ex => ((PlatformException)ex).Result, (call, _, _, attempt) => _retries.Add((call, attempt)));

    private sealed class PlatformException(DeliveryResult result) : Exception(result.Reason)
    {
        public DeliveryResult Result { get; } = result;
    }
}
