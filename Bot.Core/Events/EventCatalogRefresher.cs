using Bot.Core.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Core.Events;

/// <summary>
/// Expands the repeating events again every <see cref="Interval"/> of the injected clock: the
/// expansion window moves with time, so next week's meetup comes into view (and gets its reminders)
/// while the bot runs. A refresh that changes nothing raises nothing.
/// </summary>
internal sealed partial class EventCatalogRefresher : BackgroundService
{
    /// <summary>How often the window moves on.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    private readonly EventCatalog _catalog;
    private readonly TimeProvider _time;
    private readonly ILogger<EventCatalogRefresher> _logger;

    public EventCatalogRefresher(EventCatalog catalog, TimeProvider time, ILogger<EventCatalogRefresher> logger)
    {
        _catalog = catalog;
        _time = time;
        _logger = logger;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicWork.RunAsync(_time, Interval, RefreshAsync, LogRefreshFailed, stoppingToken, waitFirst: true);

    private Task RefreshAsync(CancellationToken cancellationToken)
    {
        if (_catalog.Refresh())
        {
            LogRefreshed(_catalog.All.Length);
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 5011, Level = LogLevel.Information, Message = "Repeating events expanded again: {Count} events and occurrences")]
    private partial void LogRefreshed(int count);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Error, Message = "Expanding the repeating events failed")]
    private partial void LogRefreshFailed(Exception exception);
}
