using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiPlusTasks.Browser.Tests;

/// <summary>
/// A real HTTP receiver standing in for the SMS gateway: Kestrel on a free loopback port, answering <c>POST /sms</c>
/// with 200 and keeping every request it got, with whether its signature checks out with <see cref="Secret"/>.
/// </summary>
public sealed class SmsGatewayReceiver : IAsyncDisposable
{
    /// <summary>The secret the Host signs with (its <c>Notifications:Sms:Secret</c>).</summary>
    public const string Secret = "browser-test-sms-gateway-secret";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedSms> _received = new();

    private SmsGatewayReceiver(WebApplication app) => _app = app;

    /// <summary>Where the Host posts, e.g. <c>http://127.0.0.1:41234/sms</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedSms> Received => [.. _received];

    /// <summary>Starts the receiver.</summary>
    public static async Task<SmsGatewayReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = nameof(SmsGatewayReceiver), ContentRootPath = Path.GetTempPath() });
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new SmsGatewayReceiver(app);
        app.MapPost("/sms", receiver.ReceiveAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Endpoint = new Uri(new Uri(address), "/sms");
        return receiver;
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var timestamp = request.Headers[SmsGatewayChannel.TimestampHeader].ToString();
        var signed = SmsGatewayChannel.Sign(Secret, timestamp, body) == request.Headers[SmsGatewayChannel.SignatureHeader].ToString();
        var json = JsonNode.Parse(body)!;
        _received.Enqueue(new ReceivedSms(
            json["to"]!.GetValue<string>(),
            json["text"]!.GetValue<string>(),
            json["messageId"]!.GetValue<string>(),
            request.Headers[SmsGatewayChannel.IdempotencyKeyHeader].ToString(),
            signed));
        return Results.Ok();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>One request as the gateway saw it.</summary>
    /// <param name="To">The mobile number.</param>
    /// <param name="Text">The text, signature included.</param>
    /// <param name="MessageId">The body's message id.</param>
    /// <param name="IdempotencyKey">The <c>Idempotency-Key</c> header.</param>
    /// <param name="SignatureValid">Whether <c>X-AiPlus-Signature</c> matches the body and timestamp under <see cref="Secret"/>.</param>
    public sealed record ReceivedSms(string To, string Text, string MessageId, string IdempotencyKey, bool SignatureValid);
}
