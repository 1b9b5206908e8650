using System.Net;
using System.Net.Sockets;

namespace AiPlusTasks.Bench.Engine;

/// <summary>
/// A loopback TCP relay in front of the PostgreSQL server that counts round trips: each time the server answers after
/// the client has sent something, on any connection, is one. It reads no protocol, so it counts what the wire does —
/// Npgsql's batching, pipelining and prepared statements included. Only the <c>postgres-round-trips</c> scenario uses
/// it (the relay costs time; the <c>postgres</c> row runs without it).
/// </summary>
internal sealed class RoundTripCounter : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _serverHost;
    private readonly int _serverPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private long _roundTrips;
    private long _bytesSent;

    public RoundTripCounter(string serverHost, int serverPort)
    {
        _serverHost = serverHost;
        _serverPort = serverPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The loopback port to connect to instead of the server's.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public long RoundTrips => Interlocked.Read(ref _roundTrips);

    /// <summary>Bytes the clients sent to the server.</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    public void Reset()
    {
        Interlocked.Exchange(ref _roundTrips, 0);
        Interlocked.Exchange(ref _bytesSent, 0);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
            // stopped
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            client.NoDelay = true;
            server.NoDelay = true;
            await server.ConnectAsync(_serverHost, _serverPort, _stop.Token);
            var clientSpoke = 0;
            var toServer = PumpAsync(client.GetStream(), server.GetStream(), read =>
            {
                Interlocked.Add(ref _bytesSent, read);
                Volatile.Write(ref clientSpoke, 1);
            });
            var toClient = PumpAsync(server.GetStream(), client.GetStream(), _ =>
            {
                if (Interlocked.Exchange(ref clientSpoke, 0) == 1)
                {
                    Interlocked.Increment(ref _roundTrips);
                }
            });
            await Task.WhenAny(toServer, toClient);
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, Action<int> onRead)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
            {
                onRead(read);
                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // one side closed: the relay of this connection ends
        }
    }
}
