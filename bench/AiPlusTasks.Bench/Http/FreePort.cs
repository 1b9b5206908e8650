using System.Net;
using System.Net.Sockets;

namespace AiPlusTasks.Bench.Http;

/// <summary>A loopback TCP port nobody listens on right now (the OS picks it; the Host takes it a moment later).</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
