namespace Bot.Core.Delivery;

/// <summary>Wakes the delivery worker when new rows were queued, so it need not wait for its poll.</summary>
internal sealed class DeliverySignal : IDisposable
{
    private readonly SemaphoreSlim _pending = new(0, 1);

    public void Dispose() => _pending.Dispose();

    /// <summary>Asks the worker to look now.</summary>
    public void Poke()
    {
        try
        {
            _pending.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already poked and not yet seen: one wake-up covers both.
            return;
        }
    }

    /// <summary>Waits for a poke or the timeout; true when poked.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken) =>
        WaitCoreAsync(timeout, time, cancellationToken);

    private async Task<bool> WaitCoreAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var poke = _pending.WaitAsync(cts.Token);
        var delay = Task.Delay(timeout, time, cts.Token);
        var first = await Task.WhenAny(poke, delay);
        await cts.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
        // The semaphore wait may have completed at the same time as the delay; then it counts.
        return poke.IsCompletedSuccessfully;
    }
}
