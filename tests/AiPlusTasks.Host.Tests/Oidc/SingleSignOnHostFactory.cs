using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlusTasks.Host.Tests.Oidc;

/// <summary>
/// The real Host on Kestrel at a free loopback port, configured with single sign-on against a
/// <see cref="TestIdentityPlatform"/> started first in the same process. Providers (all the same platform, each its own
/// client): <c>guangdong</c> (Guangdong's platform: fixed agency, staff and leads, provisions users), <c>national</c>
/// (a platform naming the province in a claim, mapped for guangdong and hubei only; provisions users) and
/// <c>closed</c> (fixed agency guangdong, does not provision). Agency leads need two factors here.
/// </summary>
public sealed class SingleSignOnHostFactory : HostFactory, IAsyncLifetime
{
    public const string ClientSecret = "platform-client-secret-2026";

    private static readonly string[] Providers = ["guangdong", "national", "closed"];

    public SingleSignOnHostFactory() => UseKestrel(0);

    /// <summary>
    /// Now, not the default fixed date: the browser side is a real cookie jar, which drops a cookie (the sign-in's
    /// correlation and nonce cookies) whose expiry the Host computed from its clock once that expiry is in the past.
    /// </summary>
    protected override DateTimeOffset StartTime { get; } = TimeProvider.System.GetUtcNow();

    public TestIdentityPlatform Platform { get; } = new();

    /// <summary>The Host's address (<c>http://127.0.0.1:port/</c>).</summary>
    public Uri Site { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string> Settings
    {
        get
        {
            var settings = new Dictionary<string, string>
            {
                ["Security:TwoFactorRoles"] = "agency-lead",
                [P(0, "Name")] = "guangdong",
                [P(0, "ChineseName")] = "广东省统一身份认证",
                [P(0, "EnglishName")] = "Guangdong unified identity",
                [P(0, "FixedAgency")] = "guangdong",
                [P(0, "ProvisionUsers")] = "true",
                [P(1, "Name")] = "national",
                [P(1, "ChineseName")] = "全国统一身份认证",
                [P(1, "EnglishName")] = "National unified identity",
                [P(1, "AgencyClaim")] = "province",
                [P(1, "AgencyMap:guangdong")] = "guangdong",
                [P(1, "AgencyMap:440000")] = "guangdong",
                [P(1, "AgencyMap:hubei")] = "hubei",
                [P(1, "ProvisionUsers")] = "true",
                [P(2, "Name")] = "closed",
                [P(2, "ChineseName")] = "未开放自动开通的统一身份认证",
                [P(2, "EnglishName")] = "Platform without provisioning",
                [P(2, "FixedAgency")] = "guangdong",
            };
            for (var i = 0; i < Providers.Length; i++)
            {
                settings[P(i, "Authority")] = Platform.Authority.ToString();
                settings[P(i, "RequireHttpsMetadata")] = "false";
                settings[P(i, "ClientId")] = ClientIdOf(i);
                settings[P(i, "ClientSecret")] = ClientSecret;
                settings[P(i, "RoleClaim")] = "role";
                settings[P(i, "RoleMap:staff")] = "agency-staff";
                settings[P(i, "RoleMap:lead")] = "agency-lead";
            }

            return settings;
        }
    }

    async Task IAsyncLifetime.InitializeAsync()
    {
        await Platform.StartAsync();
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Site = new Uri(address.TrimEnd('/') + "/");
        for (var i = 0; i < Providers.Length; i++)
        {
            await Platform.RegisterClientAsync(ClientIdOf(i), ClientSecret, new Uri(Site, $"account/external/{Providers[i]}/callback"));
        }
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Platform.DisposeAsync();
    }

    private static string ClientIdOf(int index) => $"aiplustasks-{Providers[index]}";

    private static string P(int index, string key) => $"Authentication:Oidc:Providers:{index}:{key}";
}
