using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Bot.Host.Operations;

/// <summary>The addresses the web host listens on; registered only when there is a web host.</summary>
internal sealed class ListeningAddresses(IServer server)
{
    /// <summary>The URLs, as the server bound them (a port 0 resolved).</summary>
    public ICollection<string> All => server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
}
