using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Telegram;

/// <summary>A <see cref="FakeTimeProvider"/> that reports each timer the code under test starts, so a test can wait for a wait before advancing time.</summary>
internal sealed class SignalingTimeProvider : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public SignalingTimeProvider()
        : base(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero))
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>Takes the next timer started, if one was.</summary>
    public bool TryTakeTimer(out TimeSpan dueTime) => _timers.Reader.TryRead(out dueTime);

    /// <summary>Waits for the next timer started, returning its due time.</summary>
    public async Task<TimeSpan> NextTimerAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        return await _timers.Reader.ReadAsync(timeout.Token);
    }
}
