using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Discord.Support;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that reports every timer created, so a test can wait until the code
/// under test is actually waiting before it advances the clock (no races, no real sleeps).
/// </summary>
internal sealed class SignallingTimeProvider : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _created = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _created.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>Waits for the next timer created, returning its due time.</summary>
    public async Task<TimeSpan> NextTimerAsync()
    {
        using var timeout = new CancellationTokenSource(FakeDiscord.Timeout);
        return await _created.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>Waits until a timer with this due time has been created.</summary>
    public async Task WaitForTimerAsync(TimeSpan dueTime)
    {
        using var timeout = new CancellationTokenSource(FakeDiscord.Timeout);
        while (await _created.Reader.ReadAsync(timeout.Token) != dueTime)
        {
        }
    }
}
