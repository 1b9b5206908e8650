using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiPlusTasks.Host.Tests.Security;

/// <summary>
/// Seeded users are for Development and Testing only, never get a changed password back, and a production database
/// starts with one administrator whose one-time password is shown once (docs/decisions/015).
/// </summary>
[Trait("Category", "Security")]
public sealed class UserSeedingTests
{
    [Fact]
    public async Task A_changed_password_survives_a_restart_of_the_seeding_host()
    {
        await using var first = new HostFactory();
        _ = first.CreateClient();
        await using (var scope = first.Services.CreateAsyncScope())
        {
            var manager = scope.ServiceProvider.GetRequiredService<UserManager<UserRecord>>();
            var user = await manager.FindByNameAsync("guangdong.staff");
            var changed = await manager.ChangePasswordAsync(user!, HostFactory.Password, "Changed-Password-2026");
            Assert.True(changed.Succeeded, string.Join("; ", changed.Errors.Select(e => e.Description)));
        }

        // A second Host over the same database seeds again, as a restart would.
        await using var second = new SameDatabaseHostFactory(first.DatabasePath);
        var client = second.CreateClient();

        var seedPassword = await client.PostAsJsonAsync("/api/auth/token", new { username = "guangdong.staff", password = HostFactory.Password });
        var ownPassword = await client.PostAsJsonAsync("/api/auth/token", new { username = "guangdong.staff", password = "Changed-Password-2026" });

        Assert.Equal(HttpStatusCode.Unauthorized, seedPassword.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ownPassword.StatusCode);
    }

    [Fact]
    public async Task Production_refuses_to_start_with_a_shared_seed_password()
    {
        await using var host = new ProductionHostFactory(seedPassword: "Shared-Password-2026");

        var error = Assert.ThrowsAny<Exception>(() => host.CreateClient());

        Assert.Contains("Seed:Password", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_production_database_gets_one_administrator_with_a_one_time_password_that_must_be_changed()
    {
        await using var host = new ProductionHostFactory(seedPassword: "");
        _ = host.CreateClient();

        await using var scope = host.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<UserManager<UserRecord>>();
        var users = manager.Users.ToList();
        var administrator = Assert.Single(users);
        Assert.Equal("ndrc.admin", administrator.Id);
        Assert.Contains("ndrc-admin", administrator.Roles, StringComparison.Ordinal);
        Assert.True(administrator.MustChangePassword);
        var line = Assert.Single(host.Log, l => l.Contains("one-time password", StringComparison.Ordinal));
        var password = line.Split("one-time password ", 2)[1].Split('.', 2)[0];
        Assert.True(await manager.CheckPasswordAsync(administrator, password));
    }

    /// <summary>A second Host over the first one's database file: a restart.</summary>
    private sealed class SameDatabaseHostFactory(string databasePath) : HostFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } =
            new Dictionary<string, string> { ["ConnectionStrings:AiPlusTasks"] = $"Data Source={databasePath}" };
    }

    /// <summary>The Host as deployed (environment Production), with its log lines kept.</summary>
    private sealed class ProductionHostFactory(string seedPassword) : HostFactory
    {
        public ConcurrentQueue<string> Log { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
            builder.UseSetting("Seed:Password", seedPassword);

            // Production refuses to start without a certificate for the Data Protection keys.
            foreach (var (key, value) in Infrastructure.TestCertificate.Settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureTestServices(services => services.AddLogging(l => l.AddProvider(new KeepingLoggerProvider(Log))));
        }
    }

    private sealed class KeepingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new KeepingLogger(lines);

        public void Dispose()
        {
        }

        private sealed class KeepingLogger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(formatter(state, exception));
        }
    }
}
