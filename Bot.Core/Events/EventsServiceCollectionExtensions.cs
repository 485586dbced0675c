using Bot.Core.Commands;
using Bot.Core.Content;
using Bot.Core.Diagnostics;
using Bot.Core.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Core.Events;

/// <summary>Registers the events catalog, its file watcher and feeds, and the commands that show events.</summary>
internal static class EventsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <c>Events</c> settings, the catalog (the events file, else <c>events.yaml</c> in the content
    /// folder), the hosted services that load and watch it and poll the feeds, and <c>/events</c> and
    /// <c>/aftellen</c>.
    /// </summary>
    public static IHostApplicationBuilder AddEvents(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddCheckedOptions<EventsOptions, EventsOptionsValidator>(EventsOptions.Section);
        services.AddCheckedOptions<WebOptions, WebOptionsValidator>(WebOptions.Section);
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<EventsOptions>>().Value;
            var root = builder.Environment.ContentRootPath;
            var file = string.IsNullOrWhiteSpace(options.File)
                ? Path.Combine(ContentOptions.ResolveFolder(builder.Configuration["Content:Path"] ?? "content", root), "events.yaml")
                : Path.GetFullPath(options.File, root);
            return new EventCatalog(sp.GetRequiredService<ILogger<EventCatalog>>(), file, fileRequired: !string.IsNullOrWhiteSpace(options.File), sp.GetRequiredService<TimeProvider>(), options.Window());
        });
        services.AddSingleton<FeedCacheStore>();
        services.AddSingleton<CalendarSequenceStore>();
        services.AddSingleton<EventCalendar>();
        services.AddSingleton<EventCatalogRefresher>();
        services.AddHostedService<DeferredHostedService<EventCatalogRefresher>>();
        services.AddSingleton<EventCatalogWatcher>();
        services.AddHostedService<DeferredHostedService<EventCatalogWatcher>>();
        services.AddSingleton(sp => new EventFeedPoller(
            sp.GetRequiredService<EventCatalog>(),
            // Each fetch has Events:FeedTimeout. A SocketsHttpHandler, unlike HttpClient's default handler, loads no TLS
            // until the first https fetch, and its pooled connections are renewed so a feed host's new address is seen.
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(15) }) { Timeout = Timeout.InfiniteTimeSpan },
            sp.GetRequiredService<IOptionsMonitor<EventsOptions>>(),
            sp.GetRequiredService<FeedCacheStore>(),
            sp.GetRequiredService<ILogger<EventFeedPoller>>(),
            sp.GetService<BotHealth>()));
        services.AddSingleton(sp => new Lazy<EventFeedPoller>(sp.GetRequiredService<EventFeedPoller>));
        services.AddSingleton<EventFeedService>();
        services.AddHostedService<DeferredHostedService<EventFeedService>>();
        services.AddSingleton<ICommandHandler, EventsHandler>();
        services.AddSingleton<ICommandHandler, CountdownHandler>();
        services.AddSingleton<ReaderZones>();
        services.AddSingleton<ICommandHandler, TimeZoneHandler>();
        return builder;
    }
}
