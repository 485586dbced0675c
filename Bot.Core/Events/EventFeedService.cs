using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Core.Events;

/// <summary>
/// Polls the iCalendar feeds at start and every <see cref="EventsOptions.FeedPollInterval"/>. This is
/// deliberately not a Quartz job: in a PostgreSQL cluster a Quartz job runs on one node only, but
/// every node keeps its own in-memory catalog and syncs the reminders from it, so every node must
/// read the feeds (a node without them would remove their reminders).
/// </summary>
internal sealed partial class EventFeedService : BackgroundService
{
    // Made at the first poll: without feeds the process never loads the HTTP client.
    private readonly Lazy<EventFeedPoller> _poller;
    private readonly IOptionsMonitor<EventsOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<EventFeedService> _logger;

    public EventFeedService(Lazy<EventFeedPoller> poller, IOptionsMonitor<EventsOptions> options, TimeProvider time, ILogger<EventFeedService> logger)
    {
        _poller = poller;
        _options = options;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested && _options.CurrentValue.Feeds.Count > 0)
        {
            try
            {
                await _poller.Value.PollAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogPollFailed(ex);
            }

            try
            {
                await Task.Delay(_options.CurrentValue.FeedPollInterval, _time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }
    }

    [LoggerMessage(EventId = 5007, Level = LogLevel.Error, Message = "Polling the event feeds failed")]
    private partial void LogPollFailed(Exception exception);
}
