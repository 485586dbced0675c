using Bot.Core;
using Bot.Core.Commands;
using Bot.Core.Content;
using Bot.Core.Delivery;
using Bot.Core.Events;
using Bot.Core.Kernel;
using Bot.Discord.Commands;
using Bot.Discord.Gateway;
using Bot.Discord.Http;
using Bot.Discord.Interactions;
using Bot.Discord.Rest;
using Bot.Discord.ScheduledEvents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Bot.Discord;

/// <summary>Adds the Discord adapter to a host.</summary>
public static class DiscordHostingExtensions
{
    /// <summary>
    /// Adds the Discord adapter when <c>Discord:Token</c> is set (does nothing otherwise): REST client, gateway
    /// or HTTP interactions, command registration, and an <see cref="IMessenger"/> for Discord. Needs the
    /// core's <see cref="CommandRouter"/>, <see cref="CommandRegistry"/> and <see cref="UiTexts"/> (AddBotCore).
    /// </summary>
    public static BotCoreBuilder AddDiscord(this BotCoreBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.IsNullOrWhiteSpace(builder.Configuration[$"{DiscordOptions.Section}:{nameof(DiscordOptions.Token)}"]))
        {
            return builder;
        }

        var services = builder.Services;
        services.AddOptions<DiscordOptions>().BindConfiguration(DiscordOptions.Section).ValidateOnStart();
        services.AddOptions<DiscordModerationOptions>().BindConfiguration(DiscordModerationOptions.Section);
        services.AddSingleton<IValidateOptions<DiscordOptions>, DiscordOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new GatewayTimings());
        services.TryAddSingleton<IGatewaySocketFactory, ClientWebSocketGatewaySocketFactory>();
        services.TryAddSingleton<ISuggestionSource>(sp => sp.GetService<ContentSource>() is { } content
            ? new ContentSuggestionSource(content, sp.GetRequiredService<UiTexts>(), sp.GetService<SummitPlaces>() ?? SummitPlaces.Empty)
            : new NoSuggestionSource());

        // No HttpClient logging: request URLs carry interaction tokens.
        services.AddHttpClient(nameof(DiscordRestClient), client => client.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .AddHttpMessageHandler(() => new Bot.Core.Delivery.RateLimits.RequestSentSignal.Handler())
            .RemoveAllLoggers();
        services.AddSingleton<DiscordRateLimiter>();
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<DiscordRestClient>(
            sp, sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(DiscordRestClient))));
        services.AddSingleton<DiscordCrossposter>();
        services.AddSingleton<GatewayClient>();
        services.AddSingleton<CommandRegistrar>();
        services.AddSingleton<InteractionResponder>();
        services.AddSingleton(sp => new InteractionSignature(sp.GetRequiredService<IOptions<DiscordOptions>>().Value.PublicKey ?? string.Empty));
        services.AddSingleton<HttpInteractionEndpoint>();
        services.AddSingleton<ScheduledEventNotices>();
        services.AddSingleton<IPlatformNotices>(sp => sp.GetRequiredService<ScheduledEventNotices>());
        services.AddSingleton<ScheduledEventCounts>();
        services.AddSingleton<ScheduledEventStore>();
        services.AddSingleton<ScheduledEventSync>();
        services.AddSingleton<IEventInterest, DiscordEventInterest>();
        services.AddSingleton<ScheduledEventSyncService>();
        services.AddHostedService(sp => sp.GetRequiredService<ScheduledEventSyncService>());
        services.AddSingleton<DiscordBotService>();
        services.AddHostedService(sp => sp.GetRequiredService<DiscordBotService>());
        return builder.AddPlatform<DiscordMessenger, DiscordModeratorCheck>(DiscordPlatform.Description, sp => DiscordPlatform.Limits(sp.GetRequiredService<IOptions<DiscordOptions>>().Value));
    }
}
