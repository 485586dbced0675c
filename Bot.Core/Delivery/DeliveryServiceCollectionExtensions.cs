using Bot.Core.Hosting;
using Bot.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Bot.Core.Delivery;

/// <summary>Registers the outbox and the worker that sends it; features add the kinds of post they queue.</summary>
internal static class DeliveryServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <c>Delivery</c> settings, the outbox, the rate limiter and the delivery worker's hosted
    /// service: register it after the hosted services that queue posts at start.
    /// </summary>
    public static IHostApplicationBuilder AddDelivery(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddCheckedOptions<DeliveryOptions, DeliveryOptionsValidator>(DeliveryOptions.Section);
        services.AddSingleton<OutboxStore>();
        services.TryAddSingleton<ChatNameStore>();
        services.TryAddSingleton<ChatNames>();
        services.AddSingleton<DeliverySignal>();
        services.TryAddSingleton<PlatformLeadership>();
        services.TryAddSingleton<LeaderInbox>();

        // Before the worker and the platforms, so it stops after them: a node that stops hands the lead on.
        services.AddHostedService(sp => sp.GetRequiredService<PlatformLeadership>());
        services.AddSingleton<DeliveryWorker>();
        services.AddHostedService<DeferredHostedService<DeliveryWorker>>();
        return builder;
    }

    /// <summary>Lets the delivery worker send posts of type <typeparamref name="T"/>.</summary>
    public static IServiceCollection AddOutboxPost<T>(this IServiceCollection services)
        where T : IOutboxPost<T>
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOutboxPayloadRenderer, OutboxPostRenderer<T>>());
        return services;
    }

    /// <summary>Lets the delivery worker make changes (edits, deletions) of type <typeparamref name="T"/> to earlier posts.</summary>
    public static IServiceCollection AddOutboxChange<T>(this IServiceCollection services)
        where T : IOutboxChange<T>
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOutboxPayloadRenderer, OutboxChangeRenderer<T>>());
        return services;
    }
}
