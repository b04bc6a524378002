using System.Net;
using System.Net.Sockets;

namespace CodeSight.Engine.Tests.Support;

/// <summary>Ports on 127.0.0.1 for tests of what finds or connects to a server.</summary>
public static class LoopbackPorts
{
    /// <summary>A port that was free a moment ago and has nothing listening on it now.</summary>
    public static int Closed()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
