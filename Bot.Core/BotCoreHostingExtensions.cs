using Bot.Core.Commands;
using Bot.Core.Content;
using Bot.Core.Delivery;
using Bot.Core.Diagnostics;
using Bot.Core.Events;
using Bot.Core.Moderation;
using Bot.Core.Scheduling;
using Bot.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace Bot.Core;

/// <summary>Registers everything that is the same on every platform: the one place that knows every part of the core.</summary>
public static class BotCoreHostingExtensions
{
    /// <summary>Adds the content, the commands and their router, the clock, storage, events with their reminders, delivery and moderation.</summary>
    public static BotCoreBuilder AddBotCore(this IHostApplicationBuilder builder) => builder.AddBotCore(configureQuartz: null);

    /// <summary>As <see cref="AddBotCore(IHostApplicationBuilder)"/>, with a hook run last on the Quartz builder (tests: fake time, in-memory store).</summary>
    internal static BotCoreBuilder AddBotCore(this IHostApplicationBuilder builder, Action<IQuartzBuilder>? configureQuartz)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<BotHealth>();

        // Each part registers itself, in this order, for two reasons. The host starts hosted services in the
        // order they were registered: the storage (SQLite lock, migration) before anything reads the database,
        // the events catalog before the reminder schedules built from it, Quartz before the schedule sync, the
        // delivery worker after the reminders it sends, then moderation (scheduled announcements, event edits).
        // And /help lists the commands in the order they were registered, /help itself last.
        builder.AddContent();
        builder.AddCommands();
        builder.AddStorage();
        builder.AddEvents();
        builder.AddScheduling(configureQuartz);
        builder.AddDelivery();
        builder.AddModeration();
        builder.Services.AddSingleton<ICommandHandler, HelpCommand>();
        return new BotCoreBuilder(builder);
    }
}
