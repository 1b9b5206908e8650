using AiPlusTasks.Engine.Audit;
using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Engine.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlusTasks.Engine.Tests.Directory;

/// <summary>
/// <see cref="UserAdministration"/> on the engine alone: who manages whom, and what each change does to the stored user
/// (security stamp, lockout, one-time password hash, the audit trail).
/// </summary>
[Trait("Category", "Security")]
public sealed class UserAdministrationTests : EngineTest
{
    private const string Password = "Seeded2026Pass";

    private static readonly Caller Administrator = Caller("ndrc.admin", "ndrc", Roles.NdrcAdministrator);
    private static readonly Caller GuangdongLead = Caller("guangdong.lead", "guangdong", Roles.AgencyLead);

    private UserAdministration Users => Engine.Services.GetRequiredService<UserAdministration>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Engine.Services.GetRequiredService<UserStore>().SeedAsync(
            [
                new SeedUser("ndrc.admin", "ndrc", [Roles.NdrcAdministrator], "管理员"),
                new SeedUser("ndrc.planner", "ndrc", [Roles.NdrcPlanner], null),
                new SeedUser("guangdong.lead", "guangdong", [Roles.AgencyLead], null),
                new SeedUser("guangdong.staff", "guangdong", [Roles.AgencyStaff], "张伟"),
                new SeedUser("hubei.staff", "hubei", [Roles.AgencyStaff], null),
            ],
            Password);
    }

    private static Caller Caller(string name, string agency, params string[] roles) => new(name, agency, roles.ToHashSet(StringComparer.Ordinal));

    private async Task<UserRecord> StoredAsync(string username)
    {
        await using var scope = Engine.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<UserRecord>>().FindByIdAsync(username))!;
    }

    private async Task<bool> ChecksAsync(string username, string password)
    {
        await using var scope = Engine.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<UserManager<UserRecord>>();
        return await manager.CheckPasswordAsync((await manager.FindByIdAsync(username))!, password);
    }

    [Fact]
    public void Manages_OnlyAdministratorsOfTheNdrcAndLeads()
    {
        Assert.True(UserAdministration.Manages(Administrator));
        Assert.True(UserAdministration.Manages(GuangdongLead));
        Assert.False(UserAdministration.Manages(Caller("guangdong.staff", "guangdong", Roles.AgencyStaff)));
        Assert.False(UserAdministration.Manages(Caller("ndrc.planner", "ndrc", Roles.NdrcPlanner, Roles.NdrcSupervisor, Roles.Auditor)));
        Assert.False(UserAdministration.Manages(Caller("system:oa", "guangdong", Roles.AgencySystem)));
        Assert.False(UserAdministration.Manages(Caller("hubei.admin", "hubei", Roles.NdrcAdministrator)));
        Assert.Equal(Roles.Agency, UserAdministration.GrantableRoles(GuangdongLead));
        Assert.Equal(Roles.All.Order(StringComparer.Ordinal), UserAdministration.GrantableRoles(Administrator).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("guangdong.zhang", true)]
    [InlineData("a.b", true)]
    [InlineData("ab", false)]
    [InlineData("Guangdong.zhang", false)]
    [InlineData("guangdong zhang", false)]
    [InlineData("guangdong@zhang", false)]
    [InlineData("system", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsValidUsername_FollowsTheRule(string? username, bool valid) => Assert.Equal(valid, UserAdministration.IsValidUsername(username));

    [Fact]
    public void IsValidUsername_SixtyFourCharactersAndNoMore()
    {
        Assert.True(UserAdministration.IsValidUsername(new string('a', 64)));
        Assert.False(UserAdministration.IsValidUsername(new string('a', 65)));
    }

    [Fact]
    public async Task ListAsync_TextFindsLoginAndDisplayNames_LeadSeesOwnAgencyOnly()
    {
        var byName = await Users.ListAsync(Administrator, new UserQuery(Text: "张伟"));
        var byLogin = await Users.ListAsync(Administrator, new UserQuery(Text: "HUBEI"));
        var lead = await Users.ListAsync(GuangdongLead, new UserQuery());

        Assert.Equal(["guangdong.staff"], byName.Items.Select(u => u.Username));
        Assert.Equal(["hubei.staff"], byLogin.Items.Select(u => u.Username));
        Assert.Equal(["guangdong.lead", "guangdong.staff"], lead.Items.Select(u => u.Username));
    }

    [Fact]
    public async Task CreateAsync_StoresOnlyTheHashAndAsksForAChange()
    {
        var issued = await Users.CreateAsync(GuangdongLead, new NewUser("guangdong.li", "李娜", null, [Roles.AgencyStaff]));

        var stored = await StoredAsync("guangdong.li");
        Assert.True(stored.MustChangePassword);
        Assert.Equal("guangdong", stored.AgencyCode);
        Assert.NotNull(stored.PasswordHash);
        Assert.DoesNotContain(issued.OneTimePassword, stored.PasswordHash, StringComparison.Ordinal);
        Assert.True(await ChecksAsync("guangdong.li", issued.OneTimePassword));
        Assert.DoesNotContain(issued.OneTimePassword, issued.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResetPasswordAsync_ReplacesThePasswordLiftsALockoutAndRenewsTheStamp()
    {
        await using (var scope = Engine.Services.CreateAsyncScope())
        {
            var manager = scope.ServiceProvider.GetRequiredService<UserManager<UserRecord>>();
            var user = (await manager.FindByIdAsync("guangdong.staff"))!;
            await manager.SetLockoutEndDateAsync(user, Engine.Time.GetUtcNow().AddMinutes(15));
        }

        var before = await StoredAsync("guangdong.staff");

        var issued = await Users.ResetPasswordAsync(GuangdongLead, "guangdong.staff");

        var after = await StoredAsync("guangdong.staff");
        Assert.NotEqual(before.SecurityStamp, after.SecurityStamp);
        Assert.Null(after.LockoutEnd);
        Assert.Equal(0, after.AccessFailedCount);
        Assert.True(after.MustChangePassword);
        Assert.False(await ChecksAsync("guangdong.staff", Password));
        Assert.True(await ChecksAsync("guangdong.staff", issued.OneTimePassword));
    }

    [Fact]
    public async Task UpdateAsync_RoleChangeRenewsTheStamp_ANameChangeDoesNot()
    {
        var first = await StoredAsync("guangdong.staff");

        await Users.UpdateAsync(GuangdongLead, "guangdong.staff", new UserChange(DisplayName: "张伟伟"));
        var renamed = await StoredAsync("guangdong.staff");
        await Users.UpdateAsync(GuangdongLead, "guangdong.staff", new UserChange(Roles: [Roles.AgencyStaff, Roles.AgencyLead]));
        var promoted = await StoredAsync("guangdong.staff");

        Assert.Equal(first.SecurityStamp, renamed.SecurityStamp);
        Assert.Equal("张伟伟", renamed.DisplayName);
        Assert.NotEqual(renamed.SecurityStamp, promoted.SecurityStamp);
        Assert.Equal("agency-lead,agency-staff", promoted.Roles);
    }

    [Fact]
    public async Task DisableAsync_SetsTheTimeAndRenewsTheStamp_EnableClearsIt()
    {
        var before = await StoredAsync("hubei.staff");

        var disabled = await Users.DisableAsync(Administrator, "hubei.staff");
        var stored = await StoredAsync("hubei.staff");
        var enabled = await Users.EnableAsync(Administrator, "hubei.staff");

        Assert.Equal(UserStatus.Disabled, disabled.Status);
        Assert.Equal(Engine.Time.GetUtcNow(), stored.DisabledAt);
        Assert.NotEqual(before.SecurityStamp, stored.SecurityStamp);
        Assert.Equal(UserStatus.Active, enabled.Status);
        Assert.Null((await StoredAsync("hubei.staff")).DisabledAt);
    }

    [Fact]
    public async Task SessionsEnded_RaisedForResetDisableAndRoleChange_NotForARenameOrEnable()
    {
        var ended = new List<string>();
        Users.SessionsEnded += ended.Add;
        try
        {
            await Users.UpdateAsync(GuangdongLead, "guangdong.staff", new UserChange(DisplayName: "张伟伟"));
            await Users.UpdateAsync(GuangdongLead, "guangdong.staff", new UserChange(Roles: [Roles.AgencyStaff]));
            await Users.UpdateAsync(GuangdongLead, "guangdong.staff", new UserChange(Roles: [Roles.AgencyStaff, Roles.AgencyLead]));
            await Users.ResetPasswordAsync(Administrator, "hubei.staff");
            await Users.DisableAsync(Administrator, "ndrc.planner");
            await Users.EnableAsync(Administrator, "ndrc.planner");
            await Assert.ThrowsAsync<NotFoundException>(() => Users.DisableAsync(GuangdongLead, "hubei.staff"));
        }
        finally
        {
            Users.SessionsEnded -= ended.Add;
        }

        Assert.Equal(["guangdong.staff", "hubei.staff", "ndrc.planner"], ended);
    }

    [Fact]
    public async Task Lead_AnotherAgencysUserIsNotFound_AnNdrcUserOfTheOwnAgencyIsForbidden()
    {
        var ndrcLead = Caller("ndrc.lead", "ndrc", Roles.AgencyLead);

        await Assert.ThrowsAsync<NotFoundException>(() => Users.GetAsync(GuangdongLead, "hubei.staff"));
        await Assert.ThrowsAsync<NotFoundException>(() => Users.ResetPasswordAsync(GuangdongLead, "hubei.staff"));
        await Assert.ThrowsAsync<ForbiddenException>(() => Users.ResetPasswordAsync(ndrcLead, "ndrc.admin"));
        await Assert.ThrowsAsync<ForbiddenException>(() => Users.DisableAsync(ndrcLead, "ndrc.planner"));
        await Assert.ThrowsAsync<ForbiddenException>(() => Users.UpdateAsync(ndrcLead, "ndrc.planner", new UserChange(Roles: [Roles.AgencyStaff])));
        Assert.True(await ChecksAsync("ndrc.admin", Password));
        Assert.Null((await StoredAsync("ndrc.planner")).DisabledAt);
    }

    [Fact]
    public async Task Refusals_AreAuditedWithTheirReason()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => Users.CreateAsync(GuangdongLead, new NewUser("guangdong.boss", "越权", null, [Roles.NdrcPlanner])));
        await Assert.ThrowsAsync<RequestValidationException>(() => Users.CreateAsync(Administrator, new NewUser("BAD", "", null, [])));

        var rows = await Engine.Services.GetRequiredService<AuditTrail>().ListAsync(new AuditQuery(Action: UserAdministration.CreateAction));

        var refused = Assert.Single(rows, r => r.Actor == "guangdong.lead");
        Assert.Equal(("guangdong.boss", AuditOutcomes.Refused), (refused.Target, refused.Outcome));
        Assert.StartsWith("forbidden:", refused.Detail, StringComparison.Ordinal);
        var invalid = Assert.Single(rows, r => r.Actor == "ndrc.admin");
        Assert.Equal(("BAD", AuditOutcomes.Failed), (invalid.Target, invalid.Outcome));
        Assert.Equal("invalid: username, displayName, roles", invalid.Detail);
    }
}
