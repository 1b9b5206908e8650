using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Engine.Webhooks;

namespace AiPlusTasks.Engine.Tests.Tasks;

/// <summary>The caller's rules the services share (docs/security.md): who is NDRC staff, who may act, who is a person.</summary>
[Trait("Category", "Security")]
public sealed class CallerTests
{
    private static Caller Of(string agency, params string[] roles) => new("someone", agency, roles.ToHashSet(StringComparer.Ordinal));

    [Theory]
    [InlineData(Roles.NdrcPlanner)]
    [InlineData(Roles.NdrcSupervisor)]
    public void IsNdrcStaff_NdrcRoleOnAUserOfAProvince_CountsForNothing(string role)
    {
        // Arrange
        var misassigned = Of("guangdong", role);

        // Act and assert
        Assert.False(misassigned.IsNdrcStaff);
        Assert.False(WebhookSubscriptionService.Manages(misassigned, "hubei"));
        Assert.False(EscalationService.MayUrge(misassigned));
        Assert.True(Of("ndrc", role).IsNdrcStaff);
    }

    [Fact]
    public void CanAct_AdministratorOrAuditorAlone_IsFalse_AndAnyWorkingRoleMakesItTrue()
    {
        Assert.False(Of("ndrc", Roles.NdrcAdministrator).CanAct);
        Assert.False(Of("ndrc", Roles.Auditor).CanAct);
        Assert.False(Of("ndrc", Roles.NdrcAdministrator, Roles.Auditor).CanAct);
        Assert.False(Of("ndrc", "a-role-added-later").CanAct);
        Assert.True(Of("ndrc", Roles.NdrcAdministrator, Roles.NdrcPlanner).CanAct);
        Assert.True(Of("guangdong", Roles.AgencySystem).CanAct);
    }

    [Fact]
    public void RequirePerson_AgencySystem_IsRefused()
    {
        var refusal = Assert.Throws<ForbiddenException>(() => Of("guangdong", Roles.AgencySystem).RequirePerson("read webhook subscriptions"));
        Assert.Contains("agency systems", refusal.Message, StringComparison.Ordinal);
        Of("guangdong", Roles.AgencyStaff).RequirePerson("read webhook subscriptions");
    }
}
