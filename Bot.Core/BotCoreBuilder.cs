using Bot.Core.Commands;
using Bot.Core.Delivery;
using Bot.Core.Delivery.RateLimits;
using Bot.Core.Kernel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Bot.Core;

/// <summary>
/// What <see cref="BotCoreHostingExtensions.AddBotCore(IHostApplicationBuilder)"/> returns: the host's builder, on which platforms
/// plug themselves in (each with its own <c>.Add…()</c>) with what the core needs from them.
/// </summary>
public sealed class BotCoreBuilder
{
    internal BotCoreBuilder(IHostApplicationBuilder host)
    {
        Host = host;

        // What every platform plugs into: the names, the one send budget per token, and who moderates.
        Services.TryAddSingleton<PlatformDirectory>();
        Services.TryAddSingleton<DeliveryRateLimiter>();
        Services.TryAddSingleton<ModeratorChecks>();
    }

    /// <summary>The host being composed.</summary>
    public IHostApplicationBuilder Host { get; }

    /// <summary>The host's services.</summary>
    public IServiceCollection Services => Host.Services;

    /// <summary>The host's settings.</summary>
    public IConfigurationManager Configuration => Host.Configuration;

    /// <summary>
    /// Plugs a platform in: what people call it and its chats, the limits one bot token has there (all
    /// answers, reminders and announcements to it share them), the messenger that sends reminders
    /// and announcements to it, and the check that says who moderates its chats (the router asks it).
    /// Register a <typeparamref name="TMessenger"/> or <typeparamref name="TModeratorCheck"/> instance
    /// first when it cannot be built from services.
    /// </summary>
    public BotCoreBuilder AddPlatform<TMessenger, TModeratorCheck>(PlatformDescription description, Func<IServiceProvider, PlatformLimits>? limits = null)
        where TMessenger : class, IMessenger
        where TModeratorCheck : class, IModeratorCheck
    {
        ArgumentNullException.ThrowIfNull(description);
        Services.AddSingleton(description);
        Services.TryAddSingleton<TMessenger>();
        Services.AddSingleton<IMessenger>(sp => sp.GetRequiredService<TMessenger>());
        Services.TryAddSingleton<TModeratorCheck>();
        Services.AddSingleton<IModeratorCheck>(sp => sp.GetRequiredService<TModeratorCheck>());
        if (limits is not null)
        {
            Services.AddSingleton(limits);
        }

        return this;
    }
}
