using Bot.Core.Commands;
using Bot.Core.Delivery;
using Bot.Core.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Bot.Core.Moderation;

/// <summary>Registers the moderator commands (announcements, their list, status, event edits) and the announcement posts.</summary>
internal static class ModerationServiceCollectionExtensions
{
    /// <summary>
    /// Adds <c>/aankondiging</c>, <c>/aankondigingen</c>, <c>/status</c>, <c>/event</c>, the <c>Moderation</c>
    /// settings, the announcement posts and the hosted services that restore scheduled announcements and the
    /// moderators' event edits. Uses the storage, Quartz and the outbox of the features below it.
    /// </summary>
    public static IHostApplicationBuilder AddModeration(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddCheckedOptions<ModerationOptions, ModerationOptionsValidator>(ModerationOptions.Section);
        services.TryAddSingleton<AnnouncementStore>();
        services.TryAddSingleton<ImageFetcher>();
        services.TryAddSingleton<AnnouncementImages>();
        services.AddOutboxPost<AnnouncementPost>();
        services.TryAddSingleton<AnnouncementChangeStore>();
        services.AddOutboxChange<AnnouncementEdit>();
        services.AddOutboxChange<AnnouncementRetraction>();
        services.AddOutboxChange<BroadcastProgressEdit>();
        services.TryAddSingleton<BroadcastProgressStore>();
        services.AddSingleton<BroadcastProgressTicker>();
        services.AddHostedService(sp => sp.GetRequiredService<BroadcastProgressTicker>());
        services.TryAddSingleton<IAnnouncementScheduler, QuartzAnnouncementScheduler>();
        services.TryAddTransient<AnnouncementJob>();
        services.AddSingleton<AnnouncementScheduleSync>();
        services.AddHostedService<DeferredHostedService<AnnouncementScheduleSync>>();
        services.AddSingleton<ICommandHandler, AnnounceHandler>();
        services.AddSingleton<ICommandHandler, AnnouncementsHandler>();
        services.TryAddSingleton<AnnouncementReport>();
        services.AddSingleton<ICommandHandler, StatusHandler>();
        services.TryAddSingleton<EventEditStore>();
        services.AddSingleton<ICommandHandler, EventEditHandler>();
        services.AddSingleton<EventEditLoader>();
        services.AddHostedService<DeferredHostedService<EventEditLoader>>();
        return builder;
    }
}
