using System.Globalization;
using Quartz;

namespace Bot.Core.Moderation;

/// <summary>
/// Scheduled announcements as Quartz triggers <c>announcement-{id}</c> (group <see cref="Group"/>) on the durable
/// job <see cref="AnnouncementJob.Key"/>, in the bot's Quartz store (persistent, clustered on PostgreSQL, so a
/// trigger survives restarts and fires on one node). A trigger whose moment passed while the bot was down fires
/// once on start (misfire rule "fire now").
/// </summary>
internal sealed class QuartzAnnouncementScheduler : IAnnouncementScheduler
{
    /// <summary>The trigger group of announcements.</summary>
    public const string Group = "bot-announcements";

    private readonly ISchedulerFactory _factory;

    public QuartzAnnouncementScheduler(ISchedulerFactory factory) => _factory = factory;

    /// <summary>The trigger key of announcement <paramref name="id"/>.</summary>
    public static TriggerKey KeyOf(long id) => new("announcement-" + id.ToString(CultureInfo.InvariantCulture), Group);

    public async Task ScheduleAsync(long id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var scheduler = await _factory.GetScheduler(cancellationToken);
        if (!await scheduler.Exists(AnnouncementJob.Key, cancellationToken))
        {
            var job = JobBuilder.Create<AnnouncementJob>().WithIdentity(AnnouncementJob.Key).StoreDurably().RequestRecovery().Build();
            await scheduler.AddJob(job, AddJobOptions.Replacing, cancellationToken);
        }

        var trigger = TriggerBuilder.Create(scheduler.TimeProvider)
            .WithIdentity(KeyOf(id))
            .ForJob(AnnouncementJob.Key)
            .UsingJobData(AnnouncementJob.IdKey, id)
            .StartAt(at)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleTrigger(trigger, TriggerConflict.Keep, cancellationToken);
    }

    public async Task<bool> UnscheduleAsync(long id, CancellationToken cancellationToken)
    {
        var scheduler = await _factory.GetScheduler(cancellationToken);
        return await scheduler.UnscheduleJob(KeyOf(id), cancellationToken);
    }
}
