using Bot.Core.Events;
using Bot.Discord.Rest;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Discord.ScheduledEvents;

/// <summary>
/// Runs a <see cref="ScheduledEventSync"/> pass at start, whenever the catalog changes (file, feed, moderator
/// edit) and every <see cref="DiscordOptions.ScheduledEventSyncInterval"/> (which also notices events deleted by
/// hand, an occurrence that passed, and a permission given or taken). Changes during a pass make one more pass.
/// Off with <c>Discord:ScheduledEvents=false</c>, and without the core's catalog.
/// </summary>
internal sealed class ScheduledEventSyncService : BackgroundService
{
    private readonly IServiceProvider _services;
    private readonly DiscordOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ScheduledEventSyncService> _logger;
    private readonly SemaphoreSlim _changed = new(0, 1);

    public ScheduledEventSyncService(IServiceProvider services, IOptions<DiscordOptions> options, TimeProvider time, ILogger<ScheduledEventSyncService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _services = services;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Asks for a pass soon (coalesced with any already asked for).</summary>
    public void Poke()
    {
        try
        {
            _changed.Release();
        }
        catch (SemaphoreFullException)
        {
            // A pass is asked for already.
        }
    }

    public override void Dispose()
    {
        _changed.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.ScheduledEvents || _services.GetService<EventCatalog>() is not { } catalog)
        {
            return;
        }

        var sync = _services.GetRequiredService<ScheduledEventSync>();
        catalog.Changed += OnCatalogChanged;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await sync.RunOnceAsync(stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex) when (DiscordErrors.IsCallFailure(ex) || ex is System.Data.Common.DbException)
                {
                    var error = DiscordErrors.Classify(ex);
                    _logger.ScheduledEventsPassFailed(error.Outcome, error.Reason);
                }

                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var interval = Task.Delay(_options.ScheduledEventSyncInterval, _time, wait.Token);
                var poked = _changed.WaitAsync(wait.Token);
                await Task.WhenAny(interval, poked);
                await wait.CancelAsync();
                await Task.WhenAll(interval, poked).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        finally
        {
            catalog.Changed -= OnCatalogChanged;
        }
    }

    private void OnCatalogChanged(object? sender, EventArgs e) => Poke();
}
