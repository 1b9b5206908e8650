using System.Net;
using System.Net.Sockets;
using AiPlusTasks.Bench.Engine;

namespace AiPlusTasks.Bench.Tests;

/// <summary>
/// The relay that counts PostgreSQL round trips: each answer to something sent is one round trip, and the engine's
/// PostgreSQL row run through it reports them per burst.
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

    [Fact]
    public async Task PostgresThroughTheRelay_FinishesEveryInstance_ReportsRoundTripsPerBurst()
    {
        Assert.True(BenchPostgres.Available, $"this test needs {BenchPostgres.ServerVariable} (an admin connection string of a PostgreSQL server)");
        var (host, port) = BenchPostgres.Server;
        await using var relay = new RoundTripCounter(host, port);

        var result = await EngineBenchmark.RunAsync(BenchMode.Check, EngineStore.Postgres, "NORMAL", 4, relay: relay);

        Assert.Equal(BenchMode.Check.Instances, result.Units);
        Assert.True(relay.RoundTrips >= result.Bursts, $"{relay.RoundTrips} round trips for {result.Bursts} bursts");
        Assert.Contains("round trips", result.Store, StringComparison.Ordinal);
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
