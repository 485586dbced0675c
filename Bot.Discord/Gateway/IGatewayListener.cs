using Bot.Discord.Api;

namespace Bot.Discord.Gateway;

/// <summary>Receives the gateway events the bot cares about. Calls run off the receive loop.</summary>
internal interface IGatewayListener
{
    Task OnReadyAsync(ReadyData ready, CancellationToken cancellationToken);

    Task OnInteractionAsync(Interaction interaction, CancellationToken cancellationToken);
}
