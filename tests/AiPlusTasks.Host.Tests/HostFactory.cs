using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AiPlusTasks.Host.Tests;

/// <summary>
/// The real Host over a SQLite file of its own (one per test class, as an xunit class fixture), seeded from the
/// repository's <c>workflows/</c> folder. The file and its WAL companions are deleted when the fixture is disposed.
/// </summary>
public class HostFactory : WebApplicationFactory<Program>
{
    private FakeTimeProvider? _time;
    private readonly ConcurrentDictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "aiplustasks-host-tests", Guid.NewGuid().ToString("N"));

    /// <summary>
    /// The host's clock: fake, standing still at <see cref="StartTime"/> until a test moves it, so no test depends on
    /// today's date (the seeded plan's calendar, due dates, token expiry). Bearer tokens last a year of it
    /// (<see cref="BearerTokenLifetime"/>).
    /// </summary>
    public FakeTimeProvider Time => _time ??= new FakeTimeProvider(StartTime);

    /// <summary>Where the clock starts. Default 2026-12-15 00:00 UTC (2026-Q4, the seeded plan's first period).</summary>
    protected virtual DateTimeOffset StartTime { get; } = new(2026, 12, 15, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The password of every seeded user in tests.</summary>
    public const string Password = "test-password-2026";

    /// <summary>The SQLite file this host stores everything in.</summary>
    public string DatabasePath => Path.Combine(_directory, "aiplustasks.db");

    /// <summary>
    /// How long bearer tokens last here: a year, so tests that move the clock by days keep their tokens. Null: the
    /// product's setting (<c>Security:AccessTokenLifetime</c>, 15 minutes), for the tests of expiry and refresh.
    /// </summary>
    protected virtual TimeSpan? BearerTokenLifetime { get; } = TimeSpan.FromDays(365);

    /// <summary>Extra configuration for a test class, applied after the defaults.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    /// <summary>
    /// An admin connection string to run the suite on PostgreSQL instead of SQLite, a database per fixture (a check of the
    /// provider by hand: tests that open the SQLite file themselves fail there).
    /// </summary>
    private static readonly string? PostgresServer = Environment.GetEnvironmentVariable("AIPLUSTASKS_HOST_TESTS_POSTGRES");

    private ScratchPostgresDatabase? _postgres;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_directory);
        builder.UseEnvironment("Testing");
        if (PostgresServer is not null)
        {
            _postgres ??= ScratchPostgresDatabase.Create(PostgresServer, "aiplus_host_");
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:AiPlusTasks", _postgres.ConnectionString);
        }
        else
        {
            builder.UseSetting("ConnectionStrings:AiPlusTasks", $"Data Source={DatabasePath}");
        }

        builder.UseSetting("Workflows:Path", RepositoryPaths.Workflows);
        builder.UseSetting("Seed:Password", Password);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            if (BearerTokenLifetime is { } lifetime)
            {
                services.Configure<BearerTokenOptions>(BearerTokenDefaults.AuthenticationScheme, o => o.BearerTokenExpiration = lifetime);
            }

            ConfigureServices(services);
        });

        // No nightly retention run on the system clock in the middle of a test (it would prune by the fake clock).
        builder.UseSetting("Retention:Enabled", "false");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Services a test class adds or replaces, after the defaults.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>A client signed in as a seeded user (default: the NDRC planner, who may use the engine routes).</summary>
    /// <remarks>Tokens are cached per user: password checks are deliberately slow.</remarks>
    public HttpClient CreateClientFor(string username = "ndrc.planner")
    {
        var client = CreateClient();
        var token = _tokens.GetOrAdd(username, name =>
        {
            var response = client.PostAsJsonAsync("/api/auth/token", new { username = name, password = Password }).GetAwaiter().GetResult();
            response.EnsureSuccessStatusCode();
            return response.Content.ReadFromJsonAsync<JsonObject>().GetAwaiter().GetResult()!["accessToken"]!.GetValue<string>();
        });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        TestDatabaseFolder.Delete(_directory);
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
