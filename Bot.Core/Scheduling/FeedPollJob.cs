using Bot.Core.Events;
using Quartz;

namespace Bot.Core.Scheduling;

/// <summary>Fetches the iCalendar feeds on a schedule (<c>Events:FeedPollInterval</c>).</summary>
[DisallowConcurrentExecution]
internal sealed class FeedPollJob : IJob
{
    /// <summary>The job's key.</summary>
    public static readonly JobKey Key = new("event-feeds", "bot");

    private readonly EventFeedPoller _poller;

    public FeedPollJob(EventFeedPoller poller) => _poller = poller;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await _poller.PollAsync(cancellationToken);
}
