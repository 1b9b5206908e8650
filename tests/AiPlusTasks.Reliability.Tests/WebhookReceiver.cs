using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AiPlusTasks.Reliability.Tests;

/// <summary>
/// An agency system's webhook endpoint on loopback (Kestrel, one fixed port) that can be unwell in two ways: answering
/// 503 while <see cref="Refusing"/>, or gone altogether (connection refused) between <see cref="StopAsync"/> and the
/// next <see cref="StartAsync"/>. Keeps every request across restarts.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly int _port = LoopbackPort.Free();
    private WebApplication? _app;
    private volatile bool _refusing;

    /// <summary>Every request received, answered or refused, in arrival order.</summary>
    public ConcurrentQueue<Received> Requests { get; } = new();

    public string Url => $"http://127.0.0.1:{_port}/hook";

    /// <summary>While true, every request is answered 503.</summary>
    public bool Refusing
    {
        get => _refusing;
        set => _refusing = value;
    }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls(Url.Replace("/hook", "", StringComparison.Ordinal));
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/hook", async (HttpRequest request) =>
        {
            var body = await JsonNode.ParseAsync(request.Body);
            var refused = Refusing;
            Requests.Enqueue(new Received(request.Headers["webhook-id"].ToString(), body!["type"]!.GetValue<string>(), body["data"]?["instanceId"]?.GetValue<string>(), !refused));
            return refused ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable) : Results.NoContent();
        });
        await _app.StartAsync();
    }

    /// <summary>Stops listening: deliveries get connection refused until the next <see cref="StartAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
            _app = null;
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>One request: its <c>webhook-id</c>, event type, the instance it is about, and whether it was answered 2xx.</summary>
    public sealed record Received(string WebhookId, string Type, string? InstanceId, bool Accepted);
}
