using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bot.Core.Hosting;

/// <summary>
/// Resolves a hosted service only when the host starts it. The host collects its hosted services
/// before it validates options; resolving ours (and the database behind them) that early would
/// report only the first bad setting instead of all of them.
/// </summary>
internal sealed class DeferredHostedService<T> : IHostedService
    where T : class, IHostedService
{
    private readonly IServiceProvider _services;
    private T? _inner;

    public DeferredHostedService(IServiceProvider services) => _services = services;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _inner = _services.GetRequiredService<T>();
        return _inner.StartAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => _inner?.StopAsync(cancellationToken) ?? Task.CompletedTask;
}
