using System.Net;
using System.Net.Sockets;
using AiPlusTasks.Bench.Engine;

namespace AiPlusTasks.Bench.Tests;

/// <summary>
/// The relay that counts PostgreSQL round trips: each answer to something sent is one round trip. (The engine on
/// PostgreSQL is not run here: its compiled EF queries bind to the first model they meet, and the other tests of this
/// process run it on SQLite; the bench runs each scenario in a process of its own.)
/// </summary>
public sealed class RoundTripCounterTests
{
    [Fact]
    public async Task RoundTrips_OfRequestsEachAnswered_AreCountedOncePerRequest()
    {
        using var echo = new TcpListener(IPAddress.Loopback, 0);
        echo.Start();
        var serving = EchoAsync(echo);
        await using var relay = new RoundTripCounter("127.0.0.1", ((IPEndPoint)echo.LocalEndpoint).Port);
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, relay.Port);
        var stream = client.GetStream();
        var answer = new byte[3];

        for (var i = 0; i < 5; i++)
        {
            await stream.WriteAsync("abc"u8.ToArray());
            await stream.ReadExactlyAsync(answer);
        }

        Assert.Equal(5, relay.RoundTrips);
        Assert.Equal(15, relay.BytesSent);
        client.Close();
        await serving;
    }

    private static async Task EchoAsync(TcpListener listener)
    {
        using var server = await listener.AcceptTcpClientAsync();
        var stream = server.GetStream();
        var buffer = new byte[64];
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            await stream.WriteAsync(buffer.AsMemory(0, read));
        }
    }
}
