using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AiPlusTasks.Browser.Tests;

/// <summary>
/// The real Host on Kestrel at a free loopback port (a browser cannot reach the in-memory test server), over a SQLite
/// file of its own, seeded from the repository's <c>workflows/</c> with every user's password <see cref="Password"/>, on a
/// fake clock standing at <see cref="Now"/>. The file is deleted when the host is disposed.
/// </summary>
public sealed class BrowserHost : WebApplicationFactory<Program>
{
    /// <summary>The password of every seeded user.</summary>
    public const string Password = "browser-test-password-2026";

    /// <summary>Where the fake clock stands: 2026-12-15 00:00 UTC (2026-Q4, the seeded plan's first period).</summary>
    public static DateTimeOffset Now { get; } = new(2026, 12, 15, 0, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "aiplustasks-browser-tests", Guid.NewGuid().ToString("N"));

    private readonly IReadOnlyDictionary<string, string> _settings;

    /// <summary>A host with the Testing defaults, and <paramref name="settings"/> over them (e.g. <c>Security:TwoFactorRoles</c>).</summary>
    public BrowserHost(IReadOnlyDictionary<string, string>? settings = null)
    {
        _settings = settings ?? new Dictionary<string, string>();
        UseKestrel(0);
    }

    public FakeTimeProvider Time { get; } = new(Now);

    /// <summary>The address Kestrel listens on, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>Starts Kestrel and finds the port it chose.</summary>
    public void Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Address = new Uri(addresses.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_directory);
        builder.UseEnvironment("Testing");

        // Outside Development the Host serves static web assets (blazor.web.js, MudBlazor's files) only from published
        // output; the tests run the build output, so the manifest next to the test binaries is used instead.
        builder.UseStaticWebAssets();
        builder.UseSetting("ConnectionStrings:AiPlusTasks", $"Data Source={Path.Combine(_directory, "aiplustasks.db")}");
        builder.UseSetting("Workflows:Path", RepositoryPaths.Workflows);
        builder.UseSetting("Seed:Password", Password);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Time));
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        TestDatabaseFolder.Delete(_directory);

        GC.SuppressFinalize(this);
    }
}
