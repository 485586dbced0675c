using Bot.Core.Events;
using Microsoft.Extensions.Hosting;

namespace Bot.Core.Moderation;

/// <summary>At start, layers the stored runtime event edits over the events file (after the database is ready).</summary>
internal sealed class EventEditLoader(EventEditStore store, EventCatalog catalog) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.ApplyAsync(catalog, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
