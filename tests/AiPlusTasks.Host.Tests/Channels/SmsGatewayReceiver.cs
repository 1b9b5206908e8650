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

namespace AiPlusTasks.Host.Tests.Channels;

/// <summary>
/// A real SMS gateway stand-in on loopback (Kestrel, a port of its own). It records every request and checks its
/// signature itself — HMAC-SHA256 over <c>{timestamp}.{body}</c> with the shared secret's UTF-8 bytes, base64, after
/// <c>v1=</c> — rather than trusting the code that signed it. It answers with the statuses queued in
/// <see cref="Answers"/>, then 200.
/// </summary>
public sealed class SmsGatewayReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SmsGatewayReceiver(WebApplication app, string secret)
    {
        _app = app;
        Secret = secret;
    }

    /// <summary>The secret shared with the product.</summary>
    public string Secret { get; }

    /// <summary>Every request, in arrival order.</summary>
    public ConcurrentQueue<ReceivedSms> Received { get; } = new();

    /// <summary>Statuses to answer, one per request, before answering 200.</summary>
    public ConcurrentQueue<int> Answers { get; } = new();

    /// <summary>How long the receiver waits before it answers (a gateway that hangs). Default none.</summary>
    public TimeSpan Stall { get; set; }

    /// <summary>The URL to configure as <c>Notifications:Sms:Endpoint</c>.</summary>
    public string Url => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/sms";

    /// <summary>Starts a gateway on a free loopback port.</summary>
    public static async Task<SmsGatewayReceiver> StartAsync(string secret)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new SmsGatewayReceiver(app, secret);
        app.MapPost("/sms", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var timestamp = request.Headers["X-AiPlus-Timestamp"].ToString();
            var signature = request.Headers["X-AiPlus-Signature"].ToString();
            var status = receiver.Answers.TryDequeue(out var queued) ? queued : 200;
            if (receiver.Stall > TimeSpan.Zero)
            {
                await Task.Delay(receiver.Stall, request.HttpContext.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            }

            receiver.Received.Enqueue(new ReceivedSms(
                request.Headers["Idempotency-Key"].ToString(), timestamp, body, receiver.SignatureValid(timestamp, signature, body), status));
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        return receiver;
    }

    private bool SignatureValid(string timestamp, string signature, string body)
    {
        const string prefix = "v1=";
        if (!signature.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        try
        {
            return CryptographicOperations.FixedTimeEquals(expected, Convert.FromBase64String(signature[prefix.Length..]));
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
