namespace Bot.Core.Hosting;

/// <summary>A background service's loop: a round of work every interval of the injected clock until the host stops.</summary>
internal static class PeriodicWork
{
    /// <summary>
    /// Runs <paramref name="round"/> and then waits <paramref name="interval"/>, until <paramref name="stoppingToken"/>
    /// is cancelled (first waiting when <paramref name="waitFirst"/>). A round that throws is handed to
    /// <paramref name="failed"/> (to log it) and the next round comes as usual; stopping ends the loop quietly.
    /// </summary>
    public static async Task RunAsync(TimeProvider time, TimeSpan interval, Func<CancellationToken, Task> round, Action<Exception> failed, CancellationToken stoppingToken, bool waitFirst = false)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(failed);
        try
        {
            if (waitFirst)
            {
                await Task.Delay(interval, time, stoppingToken);
            }

            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await round(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    failed(ex);
                }

                await Task.Delay(interval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
