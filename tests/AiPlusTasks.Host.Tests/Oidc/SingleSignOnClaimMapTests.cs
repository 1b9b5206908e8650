using System.Security.Claims;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Host.Security;

namespace AiPlusTasks.Host.Tests.Oidc;

/// <summary>How a platform's claims become an agency and roles here.</summary>
[Trait("Category", "Security")]
public sealed class SingleSignOnClaimMapTests
{
    private static readonly string[] LeadsNeedTwoFactors = [Roles.AgencyLead];

    private static SingleSignOnProvider National()
    {
        var provider = new SingleSignOnProvider { Name = "national", AgencyClaim = "org", RoleClaim = "role" };
        provider.AgencyMap["440000"] = "guangdong";
        provider.AgencyMap["420000"] = "hubei";
        provider.RoleMap["staff"] = Roles.AgencyStaff;
        provider.RoleMap["lead"] = Roles.AgencyLead;
        return provider;
    }

    private static ClaimsPrincipal Principal(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "oidc"));

    private static SingleSignOnRefusal RefusalOf(Action map) => Assert.Throws<SingleSignOnRefusedException>(map).Reason;

    [Fact]
    public void Map_MappedOrgAndRoles_GivesAgencyRolesAndNames()
    {
        var identity = SingleSignOnClaimMap.Map(
            National(),
            Principal(("sub", "s-1"), ("org", "440000"), ("role", "staff"), ("role", "clerk"), ("preferred_username", "ZhangWei"), ("name", "张伟")),
            []);

        Assert.Equal(new SingleSignOnIdentity("national", "s-1", "guangdong", identity.Roles, "zhangwei", "张伟"), identity);
        Assert.Equal([Roles.AgencyStaff], identity.Roles);
    }

    [Fact]
    public void Map_FixedAgency_IgnoresAnyOrgClaim()
    {
        var provider = National();
        provider.AgencyClaim = null;
        provider.FixedAgency = "guangdong";

        var identity = SingleSignOnClaimMap.Map(provider, Principal(("sub", "s-1"), ("org", "420000"), ("role", "staff")), []);

        Assert.Equal("guangdong", identity.AgencyCode);
    }

    [Theory]
    [InlineData("999999")]
    [InlineData("")]
    public void Map_UnmappedOrMissingOrg_RefusedForAgency(string org) =>
        Assert.Equal(SingleSignOnRefusal.Agency, RefusalOf(() => SingleSignOnClaimMap.Map(National(), Principal(("sub", "s-1"), ("org", org), ("role", "staff")), [])));

    [Fact]
    public void Map_TwoAgencies_RefusedForAgency() =>
        Assert.Equal(SingleSignOnRefusal.Agency, RefusalOf(() => SingleSignOnClaimMap.Map(National(), Principal(("sub", "s-1"), ("org", "440000"), ("org", "420000"), ("role", "staff")), [])));

    [Fact]
    public void Map_NoMappedRole_RefusedForRole() =>
        Assert.Equal(SingleSignOnRefusal.Role, RefusalOf(() => SingleSignOnClaimMap.Map(National(), Principal(("sub", "s-1"), ("org", "440000"), ("role", "admin")), [])));

    [Fact]
    public void Map_NoSubject_RefusedAsFailed() =>
        Assert.Equal(SingleSignOnRefusal.Failed, RefusalOf(() => SingleSignOnClaimMap.Map(National(), Principal(("org", "440000"), ("role", "staff")), [])));

    [Theory]
    [InlineData("pwd", false)]
    [InlineData("otp", true)]
    [InlineData("mfa", true)]
    public void Map_LeadNeedingTwoFactors_OnlyWithASecondFactorInAmr(string amr, bool signedIn)
    {
        var principal = Principal(("sub", "s-1"), ("org", "440000"), ("role", "lead"), ("amr", "pwd"), ("amr", amr));

        if (signedIn)
        {
            Assert.Equal([Roles.AgencyLead], SingleSignOnClaimMap.Map(National(), principal, LeadsNeedTwoFactors).Roles);
        }
        else
        {
            Assert.Equal(SingleSignOnRefusal.SecondFactor, RefusalOf(() => SingleSignOnClaimMap.Map(National(), principal, LeadsNeedTwoFactors)));
        }
    }

    [Fact]
    public void Map_PlatformTrustedForTwoFactors_LeadWithoutAmrSignedIn()
    {
        var provider = National();
        provider.AssumeSecondFactor = true;

        var identity = SingleSignOnClaimMap.Map(provider, Principal(("sub", "s-1"), ("org", "440000"), ("role", "lead")), LeadsNeedTwoFactors);

        Assert.Equal([Roles.AgencyLead], identity.Roles);
    }

    [Theory]
    [InlineData("张伟")]
    [InlineData("440102199001011234@gd")]
    [InlineData("a")]
    public void Map_PreferredNameNotAPlainLoginName_Dropped(string preferred)
    {
        var identity = SingleSignOnClaimMap.Map(National(), Principal(("sub", "s-1"), ("org", "440000"), ("role", "staff"), ("preferred_username", preferred)), []);

        Assert.Null(identity.PreferredName);
    }

    [Fact]
    public void Map_LongDisplayName_Cut()
    {
        var identity = SingleSignOnClaimMap.Map(National(), Principal(("sub", "s-1"), ("org", "440000"), ("role", "staff"), ("name", new string('张', 200))), []);

        Assert.Equal(SingleSignOnClaimMap.DisplayNameMaxLength, identity.DisplayName!.Length);
    }
}
