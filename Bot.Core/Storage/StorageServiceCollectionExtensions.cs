using Bot.Core.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Core.Storage;

/// <summary>Registers the database and the subscriptions.</summary>
internal static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <c>Storage</c> settings, the database and the subscriptions, and the hosted service that
    /// takes the SQLite single-process lock and migrates the schema: register it before every hosted
    /// service that uses the database.
    /// </summary>
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddCheckedOptions<StorageOptions, StorageOptionsValidator>(StorageOptions.Section);
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var root = builder.Environment.ContentRootPath;
            return new BotDatabase(options.ProviderKind, options.ResolvedConnectionString(root), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<BotDatabase>>());
        });
        services.AddSingleton<SubscriptionStore>();
        services.AddSingleton<UserZoneStore>();
        services.AddSingleton<ImageStore>();
        services.AddSingleton(sp => new ButtonStore(sp.GetRequiredService<BotDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<StorageInitializer>();
        services.AddHostedService<DeferredHostedService<StorageInitializer>>();
        return builder;
    }
}
