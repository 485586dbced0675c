using System.Net;
using System.Net.Sockets;

namespace Bot.Tests.Support;

/// <summary>A loopback port nothing listens on at the moment: for a host under test to bind.</summary>
internal static class LoopbackPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
