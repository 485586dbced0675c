using Bot.Core.Commands;
using Bot.Core.Content;
using Bot.Core.Delivery;
using Bot.Core.Events;
using Bot.Core.Hosting;
using Bot.Core.Kernel;
using Bot.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace Bot.Core.Scheduling;

/// <summary>Registers events, subscriptions, storage, Quartz reminders and delivery.</summary>
internal static class SchedulingServiceCollectionExtensions
{
    /// <summary>
    /// Everything of the events and reminders area. Reads the sections <c>Events</c>, <c>Reminders</c>,
    /// <c>Scheduler</c>, <c>Storage</c> and <c>Delivery</c>. Hosted services start in this order:
    /// storage (lock + migration), catalog, Quartz, schedule sync, delivery worker.
    /// </summary>
    internal static IHostApplicationBuilder AddScheduling(this IHostApplicationBuilder builder) => builder.AddScheduling(null);

    /// <summary>As <see cref="AddScheduling(IHostApplicationBuilder)"/>, with a hook run last on the Quartz builder (tests: fake time, in-memory store).</summary>
    internal static IHostApplicationBuilder AddScheduling(this IHostApplicationBuilder builder, Action<IQuartzBuilder>? configureQuartz)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new UiTexts());
        services.TryAddSingleton<PlatformDirectory>();

        services.AddOptions<EventsOptions>().BindConfiguration(EventsOptions.Section).ValidateOnStart();
        services.AddOptions<RemindersOptions>().BindConfiguration(RemindersOptions.Section).ValidateOnStart();
        services.AddOptions<SchedulerOptions>().BindConfiguration(SchedulerOptions.Section).ValidateOnStart();
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateOnStart();
        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EventsOptions>, EventsOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RemindersOptions>, SchedulingOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SchedulerOptions>, SchedulingOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DeliveryOptions>, DeliveryOptionsValidator>());

        // Storage.
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var root = sp.GetService<IHostEnvironment>()?.ContentRootPath ?? Directory.GetCurrentDirectory();
            return new BotDatabase(options.ProviderKind, options.ResolvedConnectionString(root), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<BotDatabase>>());
        });
        services.AddSingleton<SubscriptionStore>();
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<StorageInitializer>();
        services.AddHostedService<DeferredHostedService<StorageInitializer>>();

        // Catalog.
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<EventsOptions>>().Value;
            var root = sp.GetService<IHostEnvironment>()?.ContentRootPath ?? Directory.GetCurrentDirectory();
            var file = string.IsNullOrWhiteSpace(options.File)
                ? Path.Combine(ContentOptions.ResolveFolder(builder.Configuration["Content:Path"] ?? "content", root), "events.yaml")
                : Path.GetFullPath(options.File, root);
            return new EventCatalog(sp.GetRequiredService<ILogger<EventCatalog>>(), file, fileRequired: !string.IsNullOrWhiteSpace(options.File));
        });
        services.AddSingleton<EventCatalogWatcher>();
        services.AddHostedService<DeferredHostedService<EventCatalogWatcher>>();
        services.AddSingleton(sp => new EventFeedPoller(
            sp.GetRequiredService<EventCatalog>(),
            new HttpClient { Timeout = TimeSpan.FromSeconds(30) },
            sp.GetRequiredService<IOptionsMonitor<EventsOptions>>(),
            sp.GetRequiredService<ILogger<EventFeedPoller>>()));
        services.AddSingleton<EventFeedService>();
        services.AddHostedService<DeferredHostedService<EventFeedService>>();

        // Commands.
        services.AddSingleton<ICommandHandler, EventsHandler>();
        services.AddSingleton<ICommandHandler, CountdownHandler>();
        services.AddSingleton<ICommandHandler, SubscribeHandler>();
        services.AddSingleton<ICommandHandler, UnsubscribeHandler>();
        services.AddSingleton<ICommandHandler, SubscriptionsHandler>();
        services.AddOutboxPost<ReminderPost>();

        // Quartz: persistent store on the same database (PostgreSQL: clustered).
        var storage = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var scheduler = builder.Configuration.GetSection(SchedulerOptions.Section).Get<SchedulerOptions>() ?? new SchedulerOptions();
        var quartzConnection = storage.ResolvedConnectionString(builder.Environment.ContentRootPath);
        services.AddSingleton<ReminderPoster>();
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = scheduler.InstanceName;
                s.InstanceId = scheduler.EffectiveInstanceId(storage.ProviderKind);
            });
            q.AddJob<ReminderJob>(j => j.WithIdentity(ReminderJob.Key).StoreDurably().RequestRecovery());

            if (scheduler.InMemory)
            {
                q.UseInMemoryStore();
            }
            else
            {
                q.UsePersistentStore(store =>
                {
                    if (storage.ProviderKind == StorageProvider.Postgres)
                    {
                        store.UsePostgres(quartzConnection);
                        store.UseClustering(c =>
                        {
                            c.CheckinInterval = scheduler.ClusterCheckinInterval;
                            c.CheckinMisfireThreshold = scheduler.ClusterCheckinMisfireThreshold;
                        });
                    }
                    else
                    {
                        store.UseSqlite(quartzConnection);
                    }

                    store.ProvisionSchema();
                    store.ConfigureStore(o => o.MisfireThreshold = scheduler.MisfireThreshold);
                });
            }

            configureQuartz?.Invoke(q);
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddSingleton<ReminderScheduleSync>();
        services.AddSingleton<EventsCli>();
        services.AddHostedService<DeferredHostedService<ReminderScheduleSync>>();

        // Delivery.
        services.AddSingleton<DeliverySignal>();
        services.TryAddSingleton<Delivery.RateLimits.DeliveryRateLimiter>();
        services.AddSingleton<DeliveryWorker>();
        services.AddHostedService<DeferredHostedService<DeliveryWorker>>();
        return builder;
    }
}
