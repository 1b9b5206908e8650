using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiPlusTasks.Host.Tests.Infrastructure;

/// <summary>
/// The Data Protection key ring: in the database, encrypted with the configured certificate, shared by every Host on
/// that database; unencrypted with a warning in Testing without a certificate; no start in Production without one.
/// </summary>
[Trait("Category", "Security")]
public sealed class DataProtectionTests
{
    [Fact]
    public async Task KeyRing_WithCertificate_IsEncryptedInTheDatabase_AndASecondHostReadsTheFirstHostsTokens()
    {
        // Arrange: a Host with the certificate issues a bearer token (Data Protection makes it).
        await using var first = new CertifiedHostFactory(null);
        var token = first.CreateClientFor("guangdong.staff").DefaultRequestHeaders.Authorization;

        // Act: a second Host on the same database and certificate takes it.
        await using var second = new CertifiedHostFactory(first.DatabasePath);
        var client = second.CreateClient();
        client.DefaultRequestHeaders.Authorization = token;
        var response = await client.GetAsync(new Uri("/api/tasks", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var keys = await KeyXmlAsync(first.DatabasePath);
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
            Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task KeyRing_WithoutCertificateInTesting_IsStoredUnencryptedWithAWarning()
    {
        await using var host = new LoggingHostFactory("Testing", new Dictionary<string, string>());

        _ = host.CreateClientFor("guangdong.staff");

        var keys = await KeyXmlAsync(host.DatabasePath);
        Assert.Contains(keys, xml => xml.Contains("<value>", StringComparison.Ordinal));
        Assert.Contains(host.Log, line => line.Contains("UNENCRYPTED", StringComparison.Ordinal) && line.Contains("DataProtection:Certificate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Production_WithoutCertificate_RefusesToStartNamingTheSetting()
    {
        await using var host = new LoggingHostFactory("Production", new Dictionary<string, string> { ["Seed:Password"] = "" });

        var error = Assert.ThrowsAny<Exception>(() => host.CreateClient());

        Assert.Contains("DataProtection:Certificate:Path", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_WithCertificate_Starts()
    {
        var settings = new Dictionary<string, string>(TestCertificate.Settings) { ["Seed:Password"] = "" };
        await using var host = new LoggingHostFactory("Production", settings);

        var response = await host.CreateClient().GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Certificate_MissingFile_RefusesToStartNamingTheSetting()
    {
        await using var host = new LoggingHostFactory("Testing", new Dictionary<string, string> { ["DataProtection:Certificate:Path"] = "/nonexistent/dp.pfx" });

        var error = Assert.ThrowsAny<Exception>(() => host.CreateClient());

        Assert.Contains("DataProtection:Certificate:Path", error.ToString(), StringComparison.Ordinal);
    }

    private static async Task<List<string>> KeyXmlAsync(string databasePath)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Xml FROM DataProtectionKeys";
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    /// <summary>A Host whose keys the test certificate protects; on another Host's database when given one.</summary>
    private sealed class CertifiedHostFactory(string? databasePath) : HostFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings => databasePath is null
            ? TestCertificate.Settings
            : new Dictionary<string, string>(TestCertificate.Settings) { ["ConnectionStrings:AiPlusTasks"] = $"Data Source={databasePath}" };
    }

    /// <summary>A Host in an environment, with settings, keeping its log lines.</summary>
    private sealed class LoggingHostFactory(string environment, IReadOnlyDictionary<string, string> settings) : HostFactory
    {
        public ConcurrentQueue<string> Log { get; } = new();

        protected override IReadOnlyDictionary<string, string> Settings => settings;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment(environment);
            builder.ConfigureTestServices(services => services.AddLogging(l => l.AddProvider(new KeptLog(Log))));
        }
    }
}
