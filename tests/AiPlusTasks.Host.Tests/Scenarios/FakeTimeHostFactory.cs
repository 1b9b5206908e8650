using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AiPlusTasks.Host.Tests.Scenarios;

/// <summary>
/// A host on fake time: the engine, the inbox and Quartz take <see cref="Time"/> from DI, so moving it fires due
/// timers (escalation ladders, cron periods). It starts at <see cref="Epoch"/> and stands still until moved. Bearer
/// tokens last a year of that clock, so the cached sign-ins survive jumps of weeks; the background worker polls every
/// 50 ms so cascades of child workflows settle quickly.
/// </summary>
public sealed class FakeTimeHostFactory : HostFactory
{
    /// <summary>Where the fake clock starts: Monday 5 January 2026, 00:00 UTC.</summary>
    public static DateTimeOffset Epoch { get; } = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The host's clock.</summary>
    public FakeTimeProvider Time { get; } = new(Epoch);

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Engine:WorkPollInterval"] = "00:00:00.050",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.Configure<BearerTokenOptions>(BearerTokenDefaults.AuthenticationScheme, o => o.BearerTokenExpiration = TimeSpan.FromDays(365));
        });
    }
}
