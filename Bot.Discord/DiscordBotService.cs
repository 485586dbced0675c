using System.Data.Common;
using System.Globalization;
using Bot.Core.Delivery;
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

    /// <summary>How often a node that does not lead asks whether it may connect now, and the leader whether it still leads.</summary>
    private static readonly TimeSpan LeadershipRecheck = TimeSpan.FromSeconds(5);

    private readonly DiscordRestClient _rest;
    private readonly InteractionResponder _responder;
    private readonly GatewayClient _gateway;
    private readonly CommandRegistrar _registrar;
    private readonly IServiceProvider _services;
    private readonly DiscordOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<DiscordBotService> _logger;
    private readonly PlatformLeadership? _leadership;
    private int _registered;
    private CancellationToken _stopping;

    public DiscordBotService(
        DiscordRestClient rest,
        InteractionResponder responder,
        GatewayClient gateway,
        CommandRegistrar registrar,
        IServiceProvider services,
        IOptions<DiscordOptions> options,
        TimeProvider time,
        ILogger<DiscordBotService> logger,
        PlatformLeadership? leadership = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _rest = rest;
        _responder = responder;
        _gateway = gateway;
        _registrar = registrar;
        _services = services;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _leadership = leadership;
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
        return _responder.HandleAsync(
            interaction,
            (body, ct) => _rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, body, ct),
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

            FatalCloseCode = await RunGatewayWhileLeadingAsync(stoppingToken);
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

    /// <summary>
    /// On PostgreSQL only the leading node keeps a gateway session: Discord sends every event to every
    /// session of the token, so each node would answer each interaction (the second answer fails), and
    /// the answers would leave from nodes whose limiters do not count each other's sends. Another node
    /// connects when the leader goes. Returns the fatal close code, or null when stopped.
    /// </summary>
    private async Task<int?> RunGatewayWhileLeadingAsync(CancellationToken stoppingToken)
    {
        if (_leadership is not { IsShared: true } leadership)
        {
            return await _gateway.RunAsync(this, stoppingToken);
        }

        var following = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!await HoldsLeadAsync(leadership, stoppingToken))
            {
                if (!following)
                {
                    _logger.GatewayFollowing(LeadershipRecheck.TotalSeconds);
                    following = true;
                }

                await Task.Delay(LeadershipRecheck, _time, stoppingToken);
                continue;
            }

            if (following)
            {
                _logger.GatewayLeading();
                following = false;
            }

            using var leading = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var watch = CancelWhenLeadLostAsync(leadership, leading);
            var fatal = await _gateway.RunAsync(this, leading.Token);
            await leading.CancelAsync();
            await watch;
            if (fatal is not null)
            {
                return fatal;
            }
        }

        return null;
    }

    private async Task CancelWhenLeadLostAsync(PlatformLeadership leadership, CancellationTokenSource leading)
    {
        try
        {
            while (await HoldsLeadAsync(leadership, leading.Token))
            {
                await Task.Delay(LeadershipRecheck, _time, leading.Token);
            }

            _logger.GatewayLeadLost();
            await leading.CancelAsync();
        }
        catch (OperationCanceledException) when (leading.IsCancellationRequested)
        {
            // The gateway ended first.
        }
    }

    private async Task<bool> HoldsLeadAsync(PlatformLeadership leadership, CancellationToken cancellationToken)
    {
        try
        {
            return await leadership.HoldAsync(cancellationToken);
        }
        catch (DbException ex)
        {
            // Without the database no node can know who leads: the one connected stays, the others wait.
            _logger.LeadUnknown(ex);
            return false;
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
            await _registrar.EnsureRegisteredAsync(applicationId, cancellationToken);
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
            : (await _rest.GetCurrentApplicationAsync(stoppingToken)).Id;
        await RegisterOnceAsync(applicationId, stoppingToken);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(_options.HttpUrls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        builder.Logging.ClearProviders();
        // Resolved here, in Http mode only: it needs the public key, which the gateway mode does not have.
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
