using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlusTasks.Host.Tests.Endpoints;

/// <summary>
/// <c>/api/users</c> (issue 17: users existed only through <c>Seed:Password</c>): NDRC administrators manage every user,
/// agency leads only their own agency's staff and leads; another agency's user is a 404; one-time passwords are shown
/// once and never stored; disabling, resetting and changing roles end the user's tokens. Each test works on users no
/// other test of the class touches (the class shares one database).
/// </summary>
[Trait("Category", "Security")]
public sealed class UserEndpointsTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private const string Users = UsersApi.Users;

    /// <summary>
    /// Longer than the Host's session check interval (<c>Security:SessionValidationInterval</c>, one minute): a token is
    /// checked against its user again at most that long after its last check.
    /// </summary>
    private static readonly TimeSpan PastSessionCheck = TimeSpan.FromMinutes(2);

    private static readonly string[] Staff = ["agency-staff"];
    private static readonly string[] Lead = ["agency-lead"];
    private static readonly string[] LeadAndStaff = ["agency-lead", "agency-staff"];
    private static readonly string[] StaffAndAdministrator = ["agency-staff", "ndrc-admin"];
    private static readonly string[] Planner = ["ndrc-planner"];
    private static readonly string[] PlannerAndAdministrator = ["ndrc-planner", "ndrc-admin"];

    private readonly HttpClient _admin = factory.CreateClientFor("ndrc.admin");
    private readonly HttpClient _lead = factory.CreateClientFor("guangdong.lead");

    [Fact]
    public async Task ListUsers_Lead_ListsOnlyTheOwnAgencysUsers()
    {
        // Act
        var page = await _lead.GetJsonAsync($"{Users}?pageSize=200");
        var other = await _lead.GetJsonAsync($"{Users}?agency=hubei");

        // Assert
        var items = page["items"]!.AsArray();
        Assert.Contains(items, u => u!["username"].Str() == "guangdong.staff");
        Assert.All(items, u => Assert.Equal("guangdong", u!["agencyCode"].Str()));
        Assert.Equal(0, other["totalCount"].Int());
        Assert.Empty(other["items"]!.AsArray());
    }

    [Fact]
    public async Task ListUsers_Administrator_SeesEveryAgencyAndFiltersByAgencyRoleStatusAndText()
    {
        // Act
        var all = await _admin.GetJsonAsync($"{Users}?pageSize=200");
        var hubeiLeads = await _admin.GetJsonAsync($"{Users}?agency=hubei&role=agency-lead");
        var named = await _admin.GetJsonAsync($"{Users}?q={Uri.EscapeDataString("湖北")}&pageSize=200");
        var active = await _admin.GetJsonAsync($"{Users}?status=active&agency=hubei");
        var disabled = await _admin.GetJsonAsync($"{Users}?status=Disabled&agency=hubei");

        // Assert
        Assert.True(all["totalCount"].Int() > 100, $"expected every agency's users: {all["totalCount"]}");
        Assert.Equal(["hubei.lead"], hubeiLeads["items"]!.AsArray().Select(u => u!["username"].Str()));
        Assert.Equal(["agency-lead"], hubeiLeads["items"]![0]!["roles"]!.AsArray().Select(r => r.Str()));
        Assert.Contains(named["items"]!.AsArray(), u => u!["username"].Str() == "hubei.staff");
        Assert.All(named["items"]!.AsArray(), u => Assert.Equal("hubei", u!["agencyCode"].Str()));
        Assert.Equal(2, active["totalCount"].Int());
        Assert.Equal("Active", active["items"]![0]!["status"].Str());
        Assert.Equal(0, disabled["totalCount"].Int());
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("status=locked", "status")]
    [InlineData("status=1", "status")]
    [InlineData("role=agency-system", "role")]
    public async Task ListUsers_BadFilter_Returns400NamingIt(string query, string field)
    {
        // Act
        var response = await _admin.GetRawAsync($"{Users}?{query}");

        // Assert
        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal([field], problem.ErrorKeys());
    }

    [Theory]
    [InlineData("guangdong.staff")]
    [InlineData("ndrc.planner")]
    [InlineData("ndrc.supervisor")]
    [InlineData("ndrc.auditor")]
    public async Task UserRoutes_NeitherAdministratorNorLead_Return403(string username)
    {
        // Arrange
        var client = factory.CreateClientFor(username);

        // Act
        var list = await client.GetRawAsync(Users);
        var get = await client.GetRawAsync($"{Users}/guangdong.staff");
        var create = await client.PostAsJsonAsync(Users, new { username = $"x-{Guid.NewGuid():N}"[..20], displayName = "某人", agency = "guangdong", roles = Staff });
        var reset = await client.UserActionAsync("guangdong.staff", "reset-password");

        // Assert
        foreach (var response in new[] { list, get, create, reset })
        {
            var problem = await response.ExpectAsync(HttpStatusCode.Forbidden);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(403, problem["status"].Int());
        }
    }

    [Fact]
    public async Task UserRoutes_LeadOnAnotherAgencysUser_Return404AndChangeNothing()
    {
        // Act
        var responses = new[]
        {
            await _lead.GetRawAsync($"{Users}/hubei.staff"),
            await _lead.PatchUserAsync("hubei.staff", new { displayName = "改名", roles = Lead }),
            await _lead.UserActionAsync("hubei.staff", "disable"),
            await _lead.UserActionAsync("hubei.staff", "enable"),
            await _lead.UserActionAsync("hubei.staff", "reset-password"),
        };

        // Assert: the same answer as for a user who does not exist, and hubei.staff is as before.
        var missing = await (await _lead.GetRawAsync($"{Users}/nobody.here")).ExpectAsync(HttpStatusCode.NotFound);
        foreach (var response in responses)
        {
            var problem = await response.ExpectAsync(HttpStatusCode.NotFound);
            Assert.Equal(missing["title"].Str(), problem["title"].Str());
        }

        var user = await _admin.GetJsonAsync($"{Users}/hubei.staff");
        Assert.Equal(["agency-staff"], user["roles"]!.AsArray().Select(r => r.Str()));
        Assert.Equal("Active", user["status"].Str());
        Assert.NotEqual("改名", user["displayName"]?.GetValue<string>());
        await (await factory.RequestTokenAsync("hubei.staff", HostFactory.Password)).ExpectAsync(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("ndrc-planner")]
    [InlineData("ndrc-supervisor")]
    [InlineData("ndrc-admin")]
    [InlineData("auditor")]
    public async Task CreateUser_LeadGrantingMoreThanAgencyRoles_Returns403AndCreatesNothing(string role)
    {
        // Arrange
        var username = $"guangdong.grant-{role}";

        // Act
        var response = await _lead.PostAsJsonAsync(Users, new { username, displayName = "越权", roles = new[] { "agency-staff", role } });

        // Assert
        await response.ExpectAsync(HttpStatusCode.Forbidden);
        await (await _admin.GetRawAsync($"{Users}/{username}")).ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CreateUser_LeadForAnotherAgency_Returns403()
    {
        // Act
        var response = await _lead.PostAsJsonAsync(Users, new { username = "hubei.planted", displayName = "外单位", agency = "hubei", roles = Staff });

        // Assert
        await response.ExpectAsync(HttpStatusCode.Forbidden);
        await (await _admin.GetRawAsync($"{Users}/hubei.planted")).ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CreateUser_Lead_CreatesAnOwnAgencyUserWhoMustChangeTheOneTimePassword()
    {
        // Act
        var created = await _lead.CreateUserAsync("guangdong.zhangsan", "张三", ["agency-staff"]);

        // Assert
        var user = created["user"]!;
        Assert.Equal("guangdong.zhangsan", user["username"].Str());
        Assert.Equal("张三", user["displayName"].Str());
        Assert.Equal("guangdong", user["agencyCode"].Str());
        Assert.Equal(["agency-staff"], user["roles"]!.AsArray().Select(r => r.Str()));
        Assert.Equal("PasswordChangeRequired", user["status"].Str());
        var password = created["oneTimePassword"].Str();
        Assert.Matches("^[A-Za-z2-9]{16}$", password);
        var listed = await _lead.GetJsonAsync($"{Users}/guangdong.zhangsan");
        Assert.Null(listed["oneTimePassword"]);
        Assert.Null(listed["passwordHash"]);
    }

    [Fact]
    public async Task CreateUser_Administrator_GrantsNdrcRolesToNdrcUsersOnly()
    {
        // Act
        var ndrc = await _admin.PostAsJsonAsync(Users, new { username = "ndrc.lisi", displayName = "李四", agency = "ndrc", roles = PlannerAndAdministrator });
        var province = await _admin.PostAsJsonAsync(Users, new { username = "henan.wangwu", displayName = "王五", agency = "henan", roles = Planner });

        // Assert
        var created = await ndrc.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(["ndrc-admin", "ndrc-planner"], created["user"]!["roles"]!.AsArray().Select(r => r.Str()));
        Assert.Equal("/api/users/ndrc.lisi", ndrc.Headers.Location?.ToString());
        var problem = await province.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["roles"], problem.ErrorKeys());
    }

    [Theory]
    [InlineData("""{ "displayName": "张三", "roles": ["agency-staff"] }""", new[] { "username" })]
    [InlineData("""{ "username": "GuangDong.Upper", "displayName": "张三", "roles": ["agency-staff"] }""", new[] { "username" })]
    [InlineData("""{ "username": "ab", "displayName": "张三", "roles": ["agency-staff"] }""", new[] { "username" })]
    [InlineData("""{ "username": "guangdong.张三", "displayName": "张三", "roles": ["agency-staff"] }""", new[] { "username" })]
    [InlineData("""{ "username": "system", "displayName": "张三", "roles": ["agency-staff"] }""", new[] { "username" })]
    [InlineData("""{ "username": "guangdong.ok1", "displayName": " ", "roles": ["agency-staff"] }""", new[] { "displayName" })]
    [InlineData("""{ "username": "guangdong.ok2", "displayName": "张三\n李四", "roles": ["agency-staff"] }""", new[] { "displayName" })]
    [InlineData("""{ "username": "guangdong.ok3", "displayName": "张三", "roles": [] }""", new[] { "roles" })]
    [InlineData("""{ "username": "guangdong.ok4", "displayName": "张三", "roles": ["agency-system"] }""", new[] { "roles" })]
    [InlineData("""{ "username": "guangdong.ok5", "displayName": "张三", "agency": "atlantis", "roles": ["agency-staff"] }""", new[] { "agency" })]
    [InlineData("""{ "username": "x", "roles": null }""", new[] { "displayName", "roles", "username" })]
    public async Task CreateUser_InvalidFields_Returns400NamingEachField(string body, string[] fields)
    {
        // Act
        var response = await _admin.PostJsonTextAsync(Users, body);

        // Assert
        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(fields, problem.ErrorKeys().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task CreateUser_DisplayNameTooLongOrLoginNameTooLong_Returns400()
    {
        // Act
        var longName = await _admin.PostAsJsonAsync(Users, new { username = "guangdong.long", displayName = new string('长', 65), roles = Staff });
        var longLogin = await _admin.PostAsJsonAsync(Users, new { username = new string('a', 65), displayName = "张三", roles = Staff });

        // Assert
        Assert.Equal(["displayName"], (await longName.ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
        Assert.Equal(["username"], (await longLogin.ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
    }

    [Fact]
    public async Task CreateUser_TakenLoginName_Returns400NamingUsername()
    {
        // Act: a lead of another agency asks for an existing name.
        var response = await _lead.PostAsJsonAsync(Users, new { username = "hubei.staff", displayName = "冒名", roles = Staff });

        // Assert
        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["username"], problem.ErrorKeys());
        var user = await _admin.GetJsonAsync($"{Users}/hubei.staff");
        Assert.Equal("hubei", user["agencyCode"].Str());
    }

    [Theory]
    [InlineData("/api/users")]
    [InlineData("/api/users/guangdong.staff/reset-password")]
    public async Task CreateOrReset_WithIdempotencyKey_Returns400AndDoesNothing(string path)
    {
        // Act
        var response = await _lead.PostKeyedAsync(path, new { username = "guangdong.keyed", displayName = "重放", roles = Staff }, "users-1");

        // Assert
        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal([InboundApi.IdempotencyKeyHeader], problem.ErrorKeys());
        await (await _lead.GetRawAsync($"{Users}/guangdong.keyed")).ExpectAsync(HttpStatusCode.NotFound);
        await (await factory.RequestTokenAsync("guangdong.staff", HostFactory.Password)).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task CreateAndReset_OneTimePasswords_AreNeverStoredInTheDatabaseFiles()
    {
        // Act
        var created = await _lead.CreateUserAsync("guangdong.stored", "存储检查", ["agency-staff"]);
        var reset = await (await _lead.UserActionAsync("guangdong.stored", "reset-password")).ExpectAsync(HttpStatusCode.OK);

        // Assert: the login name is found where the row was written (so the search looks in the right place); no password is.
        var files = Directory.GetFiles(Path.GetDirectoryName(factory.DatabasePath)!, "aiplustasks.db*");
        var bytes = files.SelectMany(ReadShared).ToArray();
        Assert.True(Contains(bytes, Encoding.UTF8.GetBytes("guangdong.stored")), "the user should be stored");
        Assert.False(Contains(bytes, Encoding.UTF8.GetBytes(created["oneTimePassword"].Str())), "the first one-time password must not be stored");
        Assert.False(Contains(bytes, Encoding.UTF8.GetBytes(reset["oneTimePassword"].Str())), "the reset one-time password must not be stored");
    }

    [Fact]
    public async Task UpdateUser_LeadChangesOwnAgencyStaffNameAndRoles()
    {
        // Arrange
        await _lead.CreateUserAsync("guangdong.zhaoliu", "赵六", ["agency-staff"]);

        // Act
        var response = await _lead.PatchUserAsync("guangdong.zhaoliu", new { displayName = "赵六（组长）", roles = LeadAndStaff });
        var nameOnly = await _lead.PatchUserAsync("guangdong.zhaoliu", new { displayName = "赵六" });

        // Assert
        var changed = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("赵六（组长）", changed["displayName"].Str());
        Assert.Equal(["agency-lead", "agency-staff"], changed["roles"]!.AsArray().Select(r => r.Str()));
        var renamed = await nameOnly.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("赵六", renamed["displayName"].Str());
        Assert.Equal(["agency-lead", "agency-staff"], renamed["roles"]!.AsArray().Select(r => r.Str()));
    }

    [Fact]
    public async Task UpdateUser_LeadGrantingAnNdrcRoleToOwnStaff_Returns403()
    {
        // Act
        var response = await _lead.PatchUserAsync("guangdong.staff", new { roles = StaffAndAdministrator });

        // Assert
        await response.ExpectAsync(HttpStatusCode.Forbidden);
        var user = await _admin.GetJsonAsync($"{Users}/guangdong.staff");
        Assert.Equal(["agency-staff"], user["roles"]!.AsArray().Select(r => r.Str()));
    }

    [Fact]
    public async Task UserRoutes_LeadOnOwnAgencyUserHoldingOtherRoles_Return403()
    {
        // Arrange: an administrator gives guangdong an auditor.
        await _admin.CreateUserAsync("guangdong.auditor2", "审计员", ["auditor"], agency: "guangdong");

        // Act
        var patch = await _lead.PatchUserAsync("guangdong.auditor2", new { roles = Staff });
        var disable = await _lead.UserActionAsync("guangdong.auditor2", "disable");
        var reset = await _lead.UserActionAsync("guangdong.auditor2", "reset-password");
        var read = await _lead.GetRawAsync($"{Users}/guangdong.auditor2");

        // Assert
        await patch.ExpectAsync(HttpStatusCode.Forbidden);
        await disable.ExpectAsync(HttpStatusCode.Forbidden);
        await reset.ExpectAsync(HttpStatusCode.Forbidden);
        var user = await read.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["auditor"], user["roles"]!.AsArray().Select(r => r.Str()));
        Assert.Equal("PasswordChangeRequired", user["status"].Str());
    }

    [Fact]
    public async Task UpdateUser_TakingAwayTheOwnManagingRole_Returns403()
    {
        // Arrange
        var lead = factory.CreateClientFor("fujian.lead");

        // Act
        var leadDemotesSelf = await lead.PatchUserAsync("fujian.lead", new { roles = Staff });
        var adminDemotesSelf = await _admin.PatchUserAsync("ndrc.admin", new { roles = Planner });
        var leadRenamesSelf = await lead.PatchUserAsync("fujian.lead", new { displayName = "福建省 负责人", roles = LeadAndStaff });

        // Assert
        await leadDemotesSelf.ExpectAsync(HttpStatusCode.Forbidden);
        await adminDemotesSelf.ExpectAsync(HttpStatusCode.Forbidden);
        await leadRenamesSelf.ExpectAsync(HttpStatusCode.OK);
        Assert.Contains("ndrc-admin", (await _admin.GetJsonAsync($"{Users}/ndrc.admin"))["roles"]!.AsArray().Select(r => r.Str()));
    }

    [Theory]
    [InlineData("""{ "displayName": "" }""", "displayName")]
    [InlineData("""{ "roles": [] }""", "roles")]
    [InlineData("""{ "roles": ["boss"] }""", "roles")]
    public async Task UpdateUser_InvalidFields_Returns400NamingThem(string body, string field)
    {
        // Act
        var response = await _admin.PatchAsync(new Uri($"{Users}/guangdong.staff", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

        // Assert
        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal([field], problem.ErrorKeys());
    }

    [Fact]
    public async Task UpdateUser_RoleChange_EndsTheUsersTokens()
    {
        // Arrange
        var staff = await factory.SignInWithTokenAsync("hunan.staff");
        await (await staff.GetRawAsync(HttpApi.Tasks)).ExpectAsync(HttpStatusCode.OK);
        var lead = factory.CreateClientFor("hunan.lead");

        // Act
        await (await lead.PatchUserAsync("hunan.staff", new { roles = LeadAndStaff })).ExpectAsync(HttpStatusCode.OK);
        factory.Time.Advance(PastSessionCheck);

        // Assert: the old token carries the old roles, so it no longer works; a new sign-in carries the new ones.
        await (await staff.GetRawAsync(HttpApi.Tasks)).ExpectAsync(HttpStatusCode.Unauthorized);
        var again = await factory.SignInWithTokenAsync("hunan.staff");
        await (await again.GetRawAsync($"{Users}?pageSize=1")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task DisableUser_UserCannotSignInAndTheirTokenIsRefused_EnableLetsThemBackIn()
    {
        // Arrange
        var staff = await factory.SignInWithTokenAsync("jiangsu.staff");
        var lead = factory.CreateClientFor("jiangsu.lead");

        // Act
        var disabled = await (await lead.UserActionAsync("jiangsu.staff", "disable")).ExpectAsync(HttpStatusCode.OK);
        factory.Time.Advance(PastSessionCheck);
        var tokenAfterDisable = await staff.GetRawAsync(HttpApi.Tasks);
        var signInAfterDisable = await factory.RequestTokenAsync("jiangsu.staff", HostFactory.Password);
        var enabled = await (await lead.UserActionAsync("jiangsu.staff", "enable")).ExpectAsync(HttpStatusCode.OK);

        // Assert
        Assert.Equal("Disabled", disabled["status"].Str());
        Assert.NotNull(disabled["disabledAt"]);
        Assert.Equal(HttpStatusCode.Unauthorized, tokenAfterDisable.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, signInAfterDisable.StatusCode);
        Assert.DoesNotContain("accessToken", await signInAfterDisable.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("Active", enabled["status"].Str());
        var back = await factory.SignInWithTokenAsync("jiangsu.staff");
        await (await back.GetRawAsync(HttpApi.Tasks)).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task DisableOrResetUser_TheirTokenIsRefusedOnTheVeryNextRequest()
    {
        // Arrange: each token was just checked, so the session check would trust it for another minute.
        var disabledStaff = await factory.SignInWithTokenAsync("shanxi.staff");
        var resetLead = await factory.SignInWithTokenAsync("shanxi.lead");
        await (await disabledStaff.GetRawAsync(HttpApi.Tasks)).ExpectAsync(HttpStatusCode.OK);
        await (await resetLead.GetRawAsync(HttpApi.Tasks)).ExpectAsync(HttpStatusCode.OK);

        // Act
        await (await _admin.UserActionAsync("shanxi.staff", "disable")).ExpectAsync(HttpStatusCode.OK);
        await (await _admin.UserActionAsync("shanxi.lead", "reset-password")).ExpectAsync(HttpStatusCode.OK);

        // Assert
        await (await disabledStaff.GetRawAsync(HttpApi.Tasks)).ExpectAsync(HttpStatusCode.Unauthorized);
        await (await resetLead.GetRawAsync(HttpApi.Tasks)).ExpectAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task DisableOrResetSelf_Returns403()
    {
        // Arrange
        var lead = factory.CreateClientFor("anhui.lead");

        // Act
        var disableSelf = await lead.UserActionAsync("anhui.lead", "disable");
        var resetSelf = await lead.UserActionAsync("anhui.lead", "reset-password");
        var adminDisablesSelf = await _admin.UserActionAsync("ndrc.admin", "disable");

        // Assert
        await disableSelf.ExpectAsync(HttpStatusCode.Forbidden);
        await resetSelf.ExpectAsync(HttpStatusCode.Forbidden);
        await adminDisablesSelf.ExpectAsync(HttpStatusCode.Forbidden);
        await (await lead.GetRawAsync(HttpApi.Tasks)).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ResetPassword_OldPasswordAndTokensStopWorking_OnlyTheLatestOneTimePasswordIsAccepted()
    {
        // Arrange
        var staff = await factory.SignInWithTokenAsync("zhejiang.staff");
        var lead = factory.CreateClientFor("zhejiang.lead");

        // Act
        var reset = await (await lead.UserActionAsync("zhejiang.staff", "reset-password")).ExpectAsync(HttpStatusCode.OK);
        var second = await (await lead.UserActionAsync("zhejiang.staff", "reset-password")).ExpectAsync(HttpStatusCode.OK);
        factory.Time.Advance(PastSessionCheck);

        // Assert
        Assert.Equal("PasswordChangeRequired", reset["user"]!["status"].Str());
        Assert.NotEqual(reset["oneTimePassword"].Str(), second["oneTimePassword"].Str());
        await (await staff.GetRawAsync(HttpApi.Tasks)).ExpectAsync(HttpStatusCode.Unauthorized);
        await (await factory.RequestTokenAsync("zhejiang.staff", HostFactory.Password)).ExpectAsync(HttpStatusCode.Unauthorized);
        await (await factory.RequestTokenAsync("zhejiang.staff", reset["oneTimePassword"].Str())).ExpectAsync(HttpStatusCode.Unauthorized);
        var latest = await (await factory.RequestTokenAsync("zhejiang.staff", second["oneTimePassword"].Str())).ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Equal("password_change_required", latest["code"].Str());
    }

    [Fact]
    public async Task CreateUser_OneTimePassword_OnlySetsANewPasswordAndThenNeverWorksAgain()
    {
        // Arrange
        var created = await _lead.CreateUserAsync("guangdong.first", "首次登录", Staff);
        var oneTime = created["oneTimePassword"].Str();
        const string Chosen = "Lingnan2027Spring";

        // Act
        var tokenWithOneTime = await factory.RequestTokenAsync("guangdong.first", oneTime);
        var change = await factory.CreateClient().PostAsJsonAsync("/api/account/password", new { username = "guangdong.first", currentPassword = oneTime, newPassword = Chosen });
        var oneTimeAgain = await factory.RequestTokenAsync("guangdong.first", oneTime);

        // Assert: the one-time password gives no token, only the change; afterwards only the chosen password works.
        var forced = await tokenWithOneTime.ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Equal("password_change_required", forced["code"].Str());
        Assert.DoesNotContain("accessToken", forced.ToJsonString(), StringComparison.Ordinal);
        await change.ExpectAsync(HttpStatusCode.NoContent);
        await oneTimeAgain.ExpectAsync(HttpStatusCode.Unauthorized);
        var user = await factory.SignInWithTokenAsync("guangdong.first", Chosen);
        await (await user.GetRawAsync(HttpApi.Tasks)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Active", (await _lead.GetJsonAsync($"{Users}/guangdong.first"))["status"].Str());
    }

    [Fact]
    public async Task UserActions_AreRecordedInTheAuditTrailWithActorTargetRolesAndOutcome_NeverThePassword()
    {
        // Act
        var created = await _lead.CreateUserAsync("guangdong.audited", "留痕", Staff);
        await (await _lead.PatchUserAsync("guangdong.audited", new { roles = LeadAndStaff })).ExpectAsync(HttpStatusCode.OK);
        var reset = await (await _lead.UserActionAsync("guangdong.audited", "reset-password")).ExpectAsync(HttpStatusCode.OK);
        await (await _lead.UserActionAsync("guangdong.audited", "disable")).ExpectAsync(HttpStatusCode.OK);
        await (await _lead.PostAsJsonAsync(Users, new { username = "guangdong.audited2", displayName = "越权", roles = Planner })).ExpectAsync(HttpStatusCode.Forbidden);
        await (await _lead.UserActionAsync("shandong.staff", "disable")).ExpectAsync(HttpStatusCode.NotFound);

        // Assert
        var trail = factory.Services.GetRequiredService<AuditTrail>();
        var rows = await trail.ListAsync(new AuditQuery(Actor: "guangdong.lead", Take: 1000));
        var mine = rows.Where(r => r.Target is "guangdong.audited" or "guangdong.audited2" or "shandong.staff").OrderBy(r => r.Id).ToList();
        Assert.Equal(
            [
                ("user.create", "guangdong.audited", AuditOutcomes.Succeeded),
                ("user.update", "guangdong.audited", AuditOutcomes.Succeeded),
                ("user.reset-password", "guangdong.audited", AuditOutcomes.Succeeded),
                ("user.disable", "guangdong.audited", AuditOutcomes.Succeeded),
                ("user.create", "guangdong.audited2", AuditOutcomes.Refused),
                ("user.disable", "shandong.staff", AuditOutcomes.Refused),
            ],
            mine.Select(r => (r.Action, r.Target!, r.Outcome)));
        Assert.Contains("agency-staff", mine[0].Detail, StringComparison.Ordinal);
        Assert.Contains("agency-staff -> agency-lead,agency-staff", mine[1].Detail, StringComparison.Ordinal);
        Assert.Contains("ndrc-planner", mine[4].Detail, StringComparison.Ordinal);
        Assert.All(mine, r => Assert.DoesNotContain(created["oneTimePassword"].Str(), r.Detail ?? "", StringComparison.Ordinal));
        Assert.All(mine, r => Assert.DoesNotContain(reset["oneTimePassword"].Str(), r.Detail ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OpenApi_ListsEveryUserRouteWithASummary()
    {
        // Act
        var document = await factory.CreateClient().GetJsonAsync("/openapi/v1.json");

        // Assert
        var paths = document["paths"]!.AsObject();
        var operations = new (string Path, string Method)[]
        {
            ("/api/users", "get"), ("/api/users", "post"), ("/api/users/{username}", "get"), ("/api/users/{username}", "patch"),
            ("/api/users/{username}/disable", "post"), ("/api/users/{username}/enable", "post"), ("/api/users/{username}/reset-password", "post"),
        };
        foreach (var (path, method) in operations)
        {
            var operation = paths[path]?[method];
            Assert.True(operation is not null, $"{method.ToUpperInvariant()} {path} is missing from the OpenAPI document");
            Assert.False(string.IsNullOrWhiteSpace(operation!["summary"]?.GetValue<string>()), $"{method.ToUpperInvariant()} {path} has no summary");
        }
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
