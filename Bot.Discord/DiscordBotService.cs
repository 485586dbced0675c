using System.Globalization;
using Bot.Discord.Api;
using Bot.Discord.Commands;
using Bot.Discord.Gateway;
using Bot.Discord.Http;
using Bot.Discord.Interactions;
using Bot.Discord.Rest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Discord;

/// <summary>
/// Runs the Discord adapter: logs the invite URL, registers the commands when they changed, and receives
/// interactions over the gateway (or, in Http mode, on an endpoint of its own Kestrel server).
/// A fatal gateway close stops this adapter only, with one clear log line.
/// </summary>
internal sealed class DiscordBotService : BackgroundService, IGatewayListener
{
    /// <summary>View Channel, Send Messages, Embed Links, Send Messages in Threads, Manage Events (the server's Events tab).</summary>
    public const ulong Permissions = (1UL << 10) | (1UL << 11) | (1UL << 14) | (1UL << 38) | (1UL << 33);

    private readonly IServiceProvider _services;
    private readonly DiscordOptions _options;
    private readonly ILogger<DiscordBotService> _logger;
    private int _registered;
    private CancellationToken _stopping;

    public DiscordBotService(IServiceProvider services, IOptions<DiscordOptions> options, ILogger<DiscordBotService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _services = services;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>The fatal close code that stopped the gateway, if one did.</summary>
    public int? FatalCloseCode { get; private set; }

    public static string InviteUrl(string applicationId) =>
        $"https://discord.com/oauth2/authorize?client_id={Uri.EscapeDataString(applicationId)}&scope=bot%20applications.commands&permissions={Permissions.ToString(CultureInfo.InvariantCulture)}";

    public Task OnReadyAsync(ReadyData ready, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ready);
        var applicationId = _options.ApplicationId is { Length: > 0 } configured ? configured : ready.Application?.Id;
        return applicationId is null ? Task.CompletedTask : RegisterOnceAsync(applicationId, _stopping);
    }

    public Task OnInteractionAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        var rest = _services.GetRequiredService<DiscordRestClient>();
        return _services.GetRequiredService<InteractionResponder>().HandleAsync(
            interaction,
            (body, ct) => rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, body, ct),
            _stopping);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        try
        {
            if (_options.Mode == DiscordMode.Http)
            {
                await RunHttpAsync(stoppingToken);
                return;
            }

            if (_options.ApplicationId is { Length: > 0 } applicationId)
            {
                _ = RegisterOnceAsync(applicationId, stoppingToken);
            }

            FatalCloseCode = await _services.GetRequiredService<GatewayClient>().RunAsync(this, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception ex)
        {
            _logger.StartFailed(ex);
            throw;
        }
    }

    private async Task RegisterOnceAsync(string applicationId, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1)
        {
            return;
        }

        var invite = InviteUrl(applicationId);
        _logger.Invite(invite);
        try
        {
            await _services.GetRequiredService<CommandRegistrar>().EnsureRegisteredAsync(applicationId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _logger.CommandsFailed(ex);
            Volatile.Write(ref _registered, 0);
        }
    }

    private async Task RunHttpAsync(CancellationToken stoppingToken)
    {
        var applicationId = _options.ApplicationId is { Length: > 0 } configured
            ? configured
            : (await _services.GetRequiredService<DiscordRestClient>().GetCurrentApplicationAsync(stoppingToken)).Id;
        await RegisterOnceAsync(applicationId, stoppingToken);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(_options.HttpUrls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(_services.GetRequiredService<HttpInteractionEndpoint>());
        await using var app = builder.Build();
        var endpoint = app.Services.GetRequiredService<HttpInteractionEndpoint>();
        app.MapPost(_options.HttpPath, endpoint.HandleAsync);
        await app.StartAsync(stoppingToken);
        _logger.HttpListening(_options.HttpUrls, _options.HttpPath);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, stoppingToken);
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }
    }
}
