using Bot.Core;
using Bot.Core.Delivery.RateLimits;
using Bot.Telegram.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace Bot.Telegram;

/// <summary>Adds the Telegram adapter to a host.</summary>
public static class TelegramHostingExtensions
{
    /// <summary>The name of the HTTP client that talks to the Bot API.</summary>
    internal const string HttpClientName = "Telegram";

    /// <summary>
    /// Adds the Telegram bot when <c>Telegram:Token</c> (environment <c>Telegram__Token</c>) is set;
    /// does nothing otherwise. Needs the core's <c>CommandRouter</c>, <c>CommandRegistry</c> and <c>UiTexts</c>.
    /// </summary>
    public static BotCoreBuilder AddTelegram(this BotCoreBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.IsNullOrWhiteSpace(builder.Configuration[$"{TelegramOptions.Section}:Token"]))
        {
            return builder;
        }

        var services = builder.Services;
        services.AddOptions<TelegramOptions>().BindConfiguration(TelegramOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelegramOptions>, TelegramOptionsValidator>();
        services.AddOptions<TelegramModerationOptions>().BindConfiguration(TelegramModerationOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(HttpClientName, (sp, client) =>
        {
            // A long poll must end before the HTTP client gives up on it.
            client.Timeout = sp.GetRequiredService<IOptions<TelegramOptions>>().Value.PollTimeout + TimeSpan.FromSeconds(30);
        })
        // The client is held for the life of the process: recycle connections so DNS changes are seen.
        .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
        .AddHttpMessageHandler(() => new RequestSentSignal.Handler())

        // The default HTTP client logging writes request URLs, and Bot API URLs contain the token.
        .RemoveAllLoggers();
        services.AddSingleton<ITelegramBotClient>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<TelegramOptions>>().Value;
            var clientOptions = new TelegramBotClientOptions(options.Token, options.ApiBaseUrl.AbsoluteUri.TrimEnd('/'))
            {
                // Our own retry waits on the injected TimeProvider; switch off the library's.
                RetryThreshold = 0,
                RetryCount = 0,
            };
            return new TelegramBotClient(clientOptions, sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName));
        });
        services.AddSingleton(sp => new TelegramApi(
            sp.GetRequiredService<ITelegramBotClient>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<TelegramApi>>()));
        services.AddSingleton<TelegramBotIdentity>();
        services.AddSingleton<TelegramFloodGate>();
        services.AddSingleton<TelegramReplySender>();
        services.AddSingleton<TelegramChannels>();
        services.AddSingleton<TelegramUpdateHandler>();
        services.AddSingleton<TelegramUpdateDispatcher>();
        services.AddSingleton<TelegramWebhookEndpoint>();
        services.AddHostedService<TelegramBotService>();
        return builder.AddPlatform<TelegramMessenger, TelegramModeratorCheck>(TelegramPlatform.Description, sp => TelegramPlatform.Limits(sp.GetRequiredService<IOptions<TelegramOptions>>().Value));
    }

    /// <summary>
    /// Maps the webhook endpoint at the path of <c>Telegram:WebhookUrl</c> when the bot runs in
    /// webhook mode; does nothing otherwise (no token, or polling).
    /// </summary>
    public static IEndpointRouteBuilder MapTelegramWebhook(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = endpoints.ServiceProvider.GetService<IOptions<TelegramOptions>>()?.Value;
        if (options is not { Mode: TelegramMode.Webhook, WebhookUrl: { } url })
        {
            return endpoints;
        }

        endpoints.ServiceProvider.GetRequiredService<TelegramWebhookEndpoint>().IsMapped = true;
        endpoints.MapPost(url.AbsolutePath, (HttpContext context, TelegramWebhookEndpoint endpoint) => endpoint.HandleAsync(context));
        return endpoints;
    }
}
