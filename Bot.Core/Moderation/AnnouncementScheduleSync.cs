using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Core.Moderation;

/// <summary>
/// On start, makes sure every confirmed announcement whose moment is still ahead has its trigger (an existing one
/// is kept). That covers a bot that died between committing a confirmation and setting its trigger.
/// </summary>
internal sealed partial class AnnouncementScheduleSync : IHostedService
{
    private readonly AnnouncementStore _store;
    private readonly IAnnouncementScheduler _scheduler;
    private readonly ILogger<AnnouncementScheduleSync> _logger;

    public AnnouncementScheduleSync(AnnouncementStore store, IAnnouncementScheduler scheduler, ILogger<AnnouncementScheduleSync> logger)
    {
        _store = store;
        _scheduler = scheduler;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduled = await _store.ScheduledAsync(cancellationToken);
        foreach (var announcement in scheduled)
        {
            try
            {
                await _scheduler.ScheduleAsync(announcement.Id, announcement.DueAt!.Value, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogFailed(ex, announcement.Id);
            }
        }

        LogChecked(scheduled.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 6104, Level = LogLevel.Information, Message = "{Count} scheduled announcements have their triggers")]
    private partial void LogChecked(int count);

    [LoggerMessage(EventId = 6105, Level = LogLevel.Error, Message = "Setting the trigger of scheduled announcement #{Id} failed")]
    private partial void LogFailed(Exception exception, long id);
}
