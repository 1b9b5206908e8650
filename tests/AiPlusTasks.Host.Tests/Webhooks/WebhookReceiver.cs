using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiPlusTasks.Host.Tests.Webhooks;

/// <summary>
/// A real HTTP receiver on loopback (Kestrel, a port of its own) standing in for an agency system. It records every
/// request, and checks each signature itself against the Standard Webhooks spec — HMAC-SHA256 over
/// <c>{webhook-id}.{webhook-timestamp}.{body}</c> with the secret's bytes — rather than trusting the library that
/// signed it. While <see cref="Down"/> it answers 503, as a receiver being redeployed would.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>Every request received, in arrival order (also those answered 503).</summary>
    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    /// <summary>The signing secret to check against (<c>whsec_</c> + base64); set once the subscription exists.</summary>
    public string? Secret { get; set; }

    private volatile bool _down;

    /// <summary>While true, every request is answered 503.</summary>
    public bool Down
    {
        get => _down;
        set => _down = value;
    }

    public int Port => new Uri(Url).Port;

    public string Url => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hook";

    /// <summary>Requests answered 2xx, in order.</summary>
    public IReadOnlyList<ReceivedWebhook> Accepted => [.. Received.Where(r => r.Accepted)];

    /// <summary>Starts a receiver on <paramref name="port"/> (0: any free port).</summary>
    public static async Task<WebhookReceiver> StartAsync(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var received = new ReceivedWebhook(
                request.Headers["webhook-id"].ToString(),
                request.Headers["webhook-timestamp"].ToString(),
                request.Headers["webhook-signature"].ToString(),
                body,
                receiver.SignatureValid(request.Headers["webhook-id"].ToString(), request.Headers["webhook-timestamp"].ToString(), request.Headers["webhook-signature"].ToString(), body),
                !receiver.Down);
            receiver.Received.Enqueue(received);
            return receiver.Down ? Results.StatusCode(503) : Results.NoContent();
        });
        await app.StartAsync();
        return receiver;
    }

    private bool SignatureValid(string id, string timestamp, string signature, string body)
    {
        if (Secret is null || !signature.StartsWith("v1,", StringComparison.Ordinal))
        {
            return false;
        }

        var key = Convert.FromBase64String(Secret["whsec_".Length..]);
        var expected = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature[3..]));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
