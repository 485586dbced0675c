namespace Bot.Core.Delivery;

/// <summary>
/// Wakes the delivery worker's lanes (one per platform) when new rows were queued, so they need not wait
/// for their poll. Every lane sees every poke: a lane takes <see cref="Next"/> before it looks at the
/// outbox and waits on it after, so a poke that came while it looked is not lost.
/// </summary>
internal sealed class DeliverySignal
{
    private TaskCompletionSource _next = NewPoke();

    /// <summary>Completes at the next poke.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    /// <summary>Asks every lane to look now.</summary>
    public void Poke() => Interlocked.Exchange(ref _next, NewPoke()).TrySetResult();

    /// <summary>Waits until <paramref name="poke"/> (a <see cref="Next"/> taken earlier) completes, or the timeout.</summary>
    public static async Task WaitAsync(Task poke, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(poke);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAny(poke, Task.Delay(timeout, time, cts.Token));
        await cts.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    private static TaskCompletionSource NewPoke() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
