using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace AiPlusTasks.Host.Tests;

/// <summary>
/// The real Host over a SQLite file of its own (one per test class, as an xunit class fixture), seeded from the
/// repository's <c>workflows/</c> folder. The file and its WAL companions are deleted when the fixture is disposed.
/// </summary>
public class HostFactory : WebApplicationFactory<Program>
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "aiplustasks-host-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The SQLite file this host stores everything in.</summary>
    public string DatabasePath => Path.Combine(_directory, "aiplustasks.db");

    /// <summary>Extra configuration for a test class, applied after the defaults.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_directory);
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:AiPlusTasks", $"Data Source={DatabasePath}");
        builder.UseSetting("Workflows:Path", RepositoryPaths.Workflows);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();

        // Pooled connections keep the file open; the host is stopped, so only idle connections are closed here.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }
}
