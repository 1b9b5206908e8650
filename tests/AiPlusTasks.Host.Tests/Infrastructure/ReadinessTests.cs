using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiPlusTasks.Host.Tests.Infrastructure;

/// <summary>
/// The Host listens before its start-up work is done and says so: <c>/health</c> is 503 "starting" and every other
/// route a 503 ProblemDetails with <c>Retry-After</c> until then (docs/decisions/020); then it is ready. Liveness
/// (<c>/health/live</c>) answers 200 throughout; readiness (<c>/health/ready</c>) is 503 until then, and again when the
/// database is gone (docs/decisions/035).
/// </summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task Host_WhileStartUpIsNotDone_ListensAndAnswers503StartingThenServesWhenReady()
    {
        // Arrange: a Host on Kestrel whose last start-up step waits for the test.
        await using var factory = new HeldStartHostFactory();
        var starting = Task.Run(factory.StartServer);
        var site = await factory.Held.Listening.Task.WaitAsync(TimeSpan.FromMinutes(2));
        using var client = new HttpClient { BaseAddress = site };

        // Act: while the step waits (seeding is done, the Host listens, it has not reported itself started).
        using var healthStarting = await client.GetAsync(new Uri("/health", UriKind.Relative));
        using var liveStarting = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
        using var readyStarting = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        using var tasksStarting = await client.GetAsync(new Uri("/api/tasks", UriKind.Relative));
        using var signInStarting = await client.PostAsJsonAsync(new Uri("/api/auth/token", UriKind.Relative), new { username = "guangdong.staff", password = HostFactory.Password });
        using var pageStarting = await client.GetAsync(new Uri("/signin", UriKind.Relative));

        factory.Held.Release.SetResult();
        await starting;
        using var healthReady = await client.GetAsync(new Uri("/health", UriKind.Relative));
        using var liveReady = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
        using var readyReady = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        using var signInReady = await client.PostAsJsonAsync(new Uri("/api/auth/token", UriKind.Relative), new { username = "guangdong.staff", password = HostFactory.Password });

        // Assert
        Assert.Equal(HttpStatusCode.ServiceUnavailable, healthStarting.StatusCode);
        Assert.Equal("starting", await StatusAsync(healthStarting));
        Assert.Equal(HttpStatusCode.OK, liveStarting.StatusCode);
        Assert.Equal("healthy", await StatusAsync(liveStarting));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyStarting.StatusCode);
        Assert.Equal("starting", await StatusAsync(readyStarting));
        foreach (var refused in new[] { tasksStarting, signInStarting, pageStarting })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
            Assert.Equal("Starting, try again", (await refused.Content.ReadFromJsonAsync<JsonObject>())!["title"]!.GetValue<string>());
        }

        foreach (var ready in new[] { healthReady, liveReady, readyReady })
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Equal("healthy", await StatusAsync(ready));
        }

        Assert.Equal(HttpStatusCode.OK, signInReady.StatusCode);
    }

    [Fact]
    public async Task HealthReady_WhenTheDatabaseIsGone_Is503WhileLiveStays200()
    {
        // Arrange: a started Host whose database file is taken away (a folder in its place; pooled connections dropped).
        await using var factory = new HostFactory();
        using var client = factory.CreateClient();
        await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(factory.DatabasePath)!))
        {
            File.Delete(file);
        }

        Directory.CreateDirectory(factory.DatabasePath);

        // Act
        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("unhealthy", await StatusAsync(ready));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    private static async Task<string> StatusAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>();

    /// <summary>The real Host on Kestrel at a free loopback port, with a last start-up step that waits for <see cref="Held"/>.</summary>
    private sealed class HeldStartHostFactory : HostFactory
    {
        public HeldStartHostFactory() => UseKestrel(0);

        public HeldStep Held { get; } = new();

        protected override void ConfigureServices(IServiceCollection services) =>
            services.AddHostedService(sp => new HeldStartupStep(Held, sp.GetRequiredService<IServer>(), sp.GetRequiredService<ILogger<HeldStartupStep>>()));
    }

    private sealed class HeldStep
    {
        public TaskCompletionSource<Uri> Listening { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Registered after the Host's own steps, so it runs last: it says where the Host listens, then waits.</summary>
    private sealed class HeldStartupStep(HeldStep held, IServer server, ILogger<HeldStartupStep> logger) : StartupStep(logger)
    {
        protected override string Name => "held by the test";

        protected override async Task RunAsync(CancellationToken cancellationToken)
        {
            var address = server.Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            held.Listening.SetResult(new Uri(address.TrimEnd('/') + "/"));
            await held.Release.Task.WaitAsync(cancellationToken);
        }
    }
}
