using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiPlusTasks.Bench.Webhooks;

/// <summary>
/// An agency system's receiver on loopback (Kestrel): answers 204, records when each <c>webhook-id</c> first arrived,
/// and counts signatures that do not verify (HMAC-SHA256 over <c>id.timestamp.body</c>, checked here, not by the
/// library that signed them).
/// </summary>
internal sealed class BenchReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private byte[] _key = [];
    private int _badSignatures;
    private int _requests;

    private BenchReceiver(WebApplication app) => _app = app;

    /// <summary>First arrival of each webhook id, as <see cref="Stopwatch"/> ticks, in arrival order.</summary>
    public ConcurrentDictionary<string, long> FirstArrival { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<string> ArrivalOrder { get; } = new();

    public int BadSignatures => _badSignatures;

    public int Requests => _requests;

    public string Url => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hook";

    public string Secret
    {
        set => _key = Convert.FromBase64String(value["whsec_".Length..]);
    }

    public static async Task<BenchReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new BenchReceiver(app);
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            var now = Stopwatch.GetTimestamp();
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            receiver.Record(request.Headers["webhook-id"].ToString(), request.Headers["webhook-timestamp"].ToString(), request.Headers["webhook-signature"].ToString(), body, now);
            return Results.NoContent();
        });
        await app.StartAsync();
        return receiver;
    }

    private void Record(string id, string timestamp, string signature, string body, long now)
    {
        Interlocked.Increment(ref _requests);
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature)))
        {
            Interlocked.Increment(ref _badSignatures);
        }

        if (FirstArrival.TryAdd(id, now))
        {
            ArrivalOrder.Enqueue(id);
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
