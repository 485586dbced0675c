using System.Runtime.CompilerServices;
using Bot.Core.Commands;
using Bot.Core.Delivery;
using Bot.Core.Hosting;
using Bot.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Quartz;

namespace Bot.Core.Scheduling;

/// <summary>Registers the reminders: Quartz, the reminder schedules, the subscription commands.</summary>
internal static class SchedulingServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <c>Reminders</c> and <c>Scheduler</c> settings, Quartz (persistent store on the bot's database,
    /// clustered on PostgreSQL) with its hosted service, the hosted service that keeps one trigger per event and
    /// reminder, the reminder posts, and <c>/abonneer</c>, <c>/opzeggen</c>, <c>/abonnementen</c>. Register it
    /// after the storage and the events catalog it reads at start. <paramref name="configureQuartz"/> runs last
    /// on the Quartz builder (tests: fake time, in-memory store).
    /// </summary>
    public static IHostApplicationBuilder AddScheduling(this IHostApplicationBuilder builder, Action<IQuartzBuilder>? configureQuartz = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddCheckedOptions<RemindersOptions, SchedulingOptionsValidator>(RemindersOptions.Section);
        services.AddCheckedOptions<SchedulerOptions, SchedulingOptionsValidator>(SchedulerOptions.Section);
        services.AddSingleton<ICommandHandler, SubscribeHandler>();
        services.AddSingleton<ICommandHandler, UnsubscribeHandler>();
        services.AddSingleton<ICommandHandler, SubscriptionsHandler>();
        services.AddOutboxPost<ReminderPost>();
        services.AddSingleton<CountdownStore>();
        services.AddOutboxPost<CountdownPost>();
        services.AddOutboxChange<CountdownEdit>();
        services.AddOutboxChange<CountdownPin>();
        services.AddSingleton<CountdownTicker>();
        services.AddHostedService<DeferredHostedService<CountdownTicker>>();

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
            q.AddTriggerListener<MisfireCounter>();

            // Without a usable connection string the storage settings' validation stops the start with one line
            // before the scheduler runs; until then the store must not refuse the empty string itself.
            if (scheduler.InMemory || string.IsNullOrWhiteSpace(quartzConnection))
            {
                q.UseInMemoryStore();
            }
            else
            {
                q.UsePersistentStore(store =>
                {
                    if (storage.ProviderKind == StorageProvider.Postgres)
                    {
                        UsePostgres(store, quartzConnection);
                        store.UseClustering(c =>
                        {
                            c.CheckinInterval = scheduler.ClusterCheckinInterval;
                            c.CheckinMisfireThreshold = scheduler.ClusterCheckinMisfireThreshold;
                        });
                    }
                    else
                    {
                        store.UseSqlite(SqliteFactory.Instance, quartzConnection);
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
        return builder;
    }

    // The driver is passed, not named, so a trimmed publish needs no type lookup; a method of its own
    // so a SQLite bot never loads Npgsql.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void UsePostgres(IPersistentStoreBuilder store, string connectionString) =>
        store.UsePostgres(NpgsqlFactory.Instance, connectionString);
}
