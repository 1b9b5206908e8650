using System.Net;
using System.Net.Sockets;

namespace AiPlusTasks.Reliability.Tests;

/// <summary>Free TCP ports on 127.0.0.1 for the Host nodes and webhook receivers the tests start.</summary>
public static class LoopbackPort
{
    /// <summary>A port nothing listens on right now (the OS picks it).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
