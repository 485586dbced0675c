using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bot.Core.Delivery;

/// <summary>Registers what the delivery worker sends; features add the kinds of post they queue.</summary>
internal static class DeliveryServiceCollectionExtensions
{
    /// <summary>Lets the delivery worker send posts of type <typeparamref name="T"/>.</summary>
    public static IServiceCollection AddOutboxPost<T>(this IServiceCollection services)
        where T : IOutboxPost<T>
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOutboxPayloadRenderer, OutboxPostRenderer<T>>());
        return services;
    }
}
