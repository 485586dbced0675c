using Microsoft.Extensions.Hosting;

namespace Bot.Core.Content;

/// <summary>
/// Starts building the content index when the host starts (the first hosted service) and waits for it only once
/// every other service has started: a failure to build it still stops the start.
/// </summary>
internal sealed class ContentPreload(ContentSource content) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        _ = content.Loading();
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await content.Loading().WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped before the index was built (the terminal chat's input ended): nothing failed.
        }
    }

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
