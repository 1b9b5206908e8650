using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Host.Security;

namespace AiPlusTasks.Host.Tests.Oidc;

/// <summary>The start-up check of <c>Authentication:Oidc</c>: above all, no province's or ministry's platform can give NDRC roles.</summary>
[Trait("Category", "Security")]
public sealed class SingleSignOnOptionsValidatorTests
{
    private static readonly AgencyDirectory Agencies = DirectoryFiles.LoadAgencies(Path.Combine(RepositoryPaths.Workflows, "catalog", DirectoryFiles.AgenciesFileName));

    private static SingleSignOnProvider Guangdong()
    {
        var provider = new SingleSignOnProvider
        {
            Name = "guangdong",
            ChineseName = "广东省统一身份认证",
            EnglishName = "Guangdong unified identity",
            Authority = "https://id.gd.example/",
            ClientId = "aiplustasks",
            ClientSecret = "secret",
            FixedAgency = "guangdong",
            RoleClaim = "role",
        };
        provider.RoleMap["staff"] = Roles.AgencyStaff;
        provider.RoleMap["lead"] = Roles.AgencyLead;
        return provider;
    }

    private static IReadOnlyList<string> Failures(params SingleSignOnProvider[] providers)
    {
        var options = new SingleSignOnOptions();
        foreach (var provider in providers)
        {
            options.Providers.Add(provider);
        }

        var result = new SingleSignOnOptionsValidator(Agencies).Validate(null, options);
        return result.Failed ? [.. result.Failures!] : [];
    }

    [Fact]
    public void Validate_ProvincePlatformWithAgencyRoles_Succeeds() => Assert.Empty(Failures(Guangdong()));

    [Fact]
    public void Validate_NoProviders_Succeeds() => Assert.Empty(Failures());

    [Theory]
    [InlineData("ndrc-planner")]
    [InlineData("ndrc-supervisor")]
    [InlineData("auditor")]
    public void Validate_ProvincePlatformGivingAnNdrcRole_Fails(string role)
    {
        var provider = Guangdong();
        provider.RoleMap["boss"] = role;

        var failure = Assert.Single(Failures(provider));

        Assert.Contains("RoleMap:boss", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AllowNdrcRolesOnAProvincePlatform_Fails()
    {
        var provider = Guangdong();
        provider.AllowNdrcRoles = true;
        provider.RoleMap["planner"] = Roles.NdrcPlanner;

        Assert.Contains(Failures(provider), f => f.Contains("AllowNdrcRoles needs FixedAgency 'ndrc'", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_NdrcsOwnPlatformWithNdrcRoles_Succeeds()
    {
        var provider = Guangdong();
        provider.Name = "ndrc";
        provider.FixedAgency = "ndrc";
        provider.AllowNdrcRoles = true;
        provider.RoleMap["planner"] = Roles.NdrcPlanner;

        Assert.Empty(Failures(provider));
    }

    [Fact]
    public void Validate_AgencyMapToNdrcWithoutAllowNdrcRoles_Fails()
    {
        var provider = Guangdong();
        provider.FixedAgency = null;
        provider.AgencyClaim = "org";
        provider.AgencyMap["100000"] = "ndrc";

        Assert.Contains(Failures(provider), f => f.Contains("agency 'ndrc'", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_EverythingWrong_ReportsEveryProblemAtOnce()
    {
        var provider = new SingleSignOnProvider { Name = "Guang Dong", Authority = "http://id.gd.example/", FixedAgency = "atlantis", AgencyClaim = "org" };
        provider.RoleMap["x"] = "superuser";

        var failures = Failures(provider, Guangdong(), Guangdong());

        Assert.Contains(failures, f => f.Contains("Providers:0:Name", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Providers:0:ChineseName", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Providers:0:EnglishName", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Providers:0:ClientId", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Providers:0:RoleClaim", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Providers:0:Authority must be https", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("exactly one of FixedAgency or AgencyClaim", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("'atlantis' is not in the agency directory", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("'superuser', which is not a role", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Providers:2:Name 'guangdong' is used by another provider", StringComparison.Ordinal));
    }
}
