using System.Net;
using System.Text.Json.Nodes;
using System.Web;
using AiPlusTasks.Engine.Audit;
using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlusTasks.Host.Tests.Oidc;

/// <summary>
/// Single sign-on end to end: the sign-in page's platform button, the platform's own sign-in form, the authorization
/// code with PKCE redeemed over the back channel, the claims mapped to an agency and roles, and the caller signed in
/// with the application cookie — against a real OpenID Connect provider (<see cref="TestIdentityPlatform"/>).
/// </summary>
[Trait("Category", "Security")]
public sealed class SingleSignOnTests(SingleSignOnHostFactory factory) : IClassFixture<SingleSignOnHostFactory>
{
    private readonly HttpClient _planner = factory.CreateClientFor();

    [Fact]
    public async Task SignIn_ProvinceStaffOfThePlatform_LandsInTheInboxAsGuangdongStaff()
    {
        // Arrange
        var (_, guangdongTask) = await _planner.StartHumanTaskAsync(agency: "guangdong");
        var (_, hubeiTask) = await _planner.StartHumanTaskAsync(agency: "hubei");
        var user = AddPlatformUser(("province", "guangdong"), ("role", "staff"), ("name", "张伟"));
        using var browser = new TestBrowser(factory.Site);
        var redeemed = factory.Platform.TokenRequests;

        // Act
        var landing = await SignInThroughPlatformAsync(browser, "national", user);

        // Assert: the flow was the code flow with PKCE, the code was redeemed, and the browser is in the inbox.
        var authorize = browser.Visited.First(u => u.AbsolutePath == "/connect/authorize");
        var query = HttpUtility.ParseQueryString(authorize.Query);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.False(string.IsNullOrEmpty(query["code_challenge"]));
        Assert.Equal(redeemed + 1, factory.Platform.TokenRequests);
        Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
        Assert.Equal(new Uri(factory.Site, "inbox"), browser.Visited[^1]);
        Assert.Contains("张伟", WebUtility.HtmlDecode(await landing.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        // Assert: the cookie is a guangdong agency-staff caller's.
        var task = await browser.GetJsonAsync($"/api/tasks/{guangdongTask}");
        Assert.Equal("guangdong", task["summary"]!["agencyCode"].Str());
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/api/tasks/{hubeiTask}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/api/plans")).StatusCode);
    }

    [Fact]
    public async Task SignIn_ProvinceCodeClaim_MapsThroughTheAgencyMap()
    {
        // Arrange
        var (_, guangdongTask) = await _planner.StartHumanTaskAsync(agency: "guangdong");
        var user = AddPlatformUser(("province", "440000"), ("role", "staff"));
        using var browser = new TestBrowser(factory.Site);

        // Act
        await SignInThroughPlatformAsync(browser, "national", user);

        // Assert
        Assert.Equal("guangdong", (await browser.GetJsonAsync($"/api/tasks/{guangdongTask}"))["summary"]!["agencyCode"].Str());
    }

    [Theory]
    [InlineData("hainan", "staff", "agency")]
    [InlineData("", "staff", "agency")]
    [InlineData("guangdong", "visitor", "role")]
    [InlineData("guangdong", "", "role")]
    public async Task SignIn_UnmappableAgencyOrRole_RefusedWithAPlainPageAndNoSession(string province, string role, string reason)
    {
        // Arrange
        var user = AddPlatformUser(("province", province), ("role", role));
        using var browser = new TestBrowser(factory.Site);

        // Act
        var landing = await SignInThroughPlatformAsync(browser, "national", user);

        // Assert
        await AssertRefusedAsync(browser, landing, "national", reason);
    }

    [Fact]
    public async Task SignIn_TwoProvincesInTheClaims_RefusedAsAmbiguous()
    {
        // Arrange
        var user = AddPlatformUser(("province", "guangdong"), ("province", "hubei"), ("role", "staff"));
        using var browser = new TestBrowser(factory.Site);

        // Act
        var landing = await SignInThroughPlatformAsync(browser, "national", user);

        // Assert
        await AssertRefusedAsync(browser, landing, "national", "agency");
    }

    [Fact]
    public async Task SignIn_LeadWithoutASecondFactorAtThePlatform_Refused()
    {
        // Arrange: leads need two factors here; the platform says only "pwd".
        var user = AddPlatformUser(("role", "lead"), ("amr", "pwd"));
        using var browser = new TestBrowser(factory.Site);

        // Act
        var landing = await SignInThroughPlatformAsync(browser, "guangdong", user);

        // Assert
        await AssertRefusedAsync(browser, landing, "guangdong", "second-factor");
    }

    [Fact]
    public async Task SignIn_LeadWithAnOneTimeCodeAtThePlatform_SignedInAsGuangdongLead()
    {
        // Arrange
        var user = AddPlatformUser(("role", "lead"), ("amr", "pwd"), ("amr", "otp"));
        using var browser = new TestBrowser(factory.Site);

        // Act
        var landing = await SignInThroughPlatformAsync(browser, "guangdong", user);

        // Assert: leads manage their agency's API keys; staff may not.
        Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
        var keys = await browser.GetAsync("/api/api-keys?agency=guangdong");
        Assert.Equal(HttpStatusCode.OK, keys.StatusCode);
    }

    [Fact]
    public async Task SignIn_PlatformThatDoesNotProvision_UnknownUserRefused()
    {
        // Arrange
        var user = AddPlatformUser(("role", "staff"));
        using var browser = new TestBrowser(factory.Site);

        // Act
        var landing = await SignInThroughPlatformAsync(browser, "closed", user);

        // Assert
        await AssertRefusedAsync(browser, landing, "closed", "not-provisioned");
    }

    [Fact]
    public async Task Callback_ForgedAnswerWithoutCorrelation_RefusedWithAPlainPageNot500()
    {
        // Arrange
        using var browser = new TestBrowser(factory.Site);

        // Act
        var landing = await browser.GetAsync("/account/external/guangdong/callback?code=forged&state=forged");

        // Assert
        await AssertRefusedAsync(browser, landing, "guangdong", "failed");
    }

    [Fact]
    public async Task Callback_PlatformAnswersAccessDenied_RefusedWithAPlainPageNot500()
    {
        // Arrange: a real challenge, so the state and the correlation cookie are good; the platform then says no.
        using var browser = new TestBrowser(factory.Site);
        var signin = await (await browser.GetAsync("/signin")).Content.ReadAsStringAsync();
        var challenge = await browser.SendWithoutFollowingAsync(HttpMethod.Post, "/account/external/guangdong", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TestBrowser.HiddenField(signin, "account/external/guangdong", "__RequestVerificationToken"),
            ["returnUrl"] = "/inbox",
        });
        var state = HttpUtility.ParseQueryString(challenge.Headers.Location!.Query)["state"];

        // Act
        var landing = await browser.GetAsync($"/account/external/guangdong/callback?error=access_denied&state={Uri.EscapeDataString(state!)}");

        // Assert
        await AssertRefusedAsync(browser, landing, "guangdong", "failed");
    }

    [Fact]
    public async Task Challenge_UnknownProvider_Returns404()
    {
        // Arrange
        using var browser = new TestBrowser(factory.Site);
        var signin = await (await browser.GetAsync("/signin")).Content.ReadAsStringAsync();
        var token = TestBrowser.HiddenField(signin, "account/external/guangdong", "__RequestVerificationToken");

        // Act
        var response = await browser.PostFormAsync("/account/external/nowhere", new Dictionary<string, string> { ["__RequestVerificationToken"] = token });

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Challenge_WithoutAntiforgeryToken_Returns400AndDoesNotGoToThePlatform()
    {
        // Arrange
        using var browser = new TestBrowser(factory.Site);

        // Act
        var response = await browser.PostFormAsync("/account/external/guangdong", new Dictionary<string, string> { ["returnUrl"] = "/inbox" });

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(browser.Visited, u => u.Port == factory.Platform.Authority.Port);
    }

    [Fact]
    public async Task Challenge_ReturnUrlOnAnotherHost_LandsInTheInboxInstead()
    {
        // Arrange
        var user = AddPlatformUser(("role", "staff"));
        using var browser = new TestBrowser(factory.Site);

        // Act
        await SignInThroughPlatformAsync(browser, "guangdong", user, returnUrl: "//evil.example/steal");

        // Assert
        Assert.Equal(new Uri(factory.Site, "inbox"), browser.Visited[^1]);
    }

    [Theory]
    [InlineData("zh-CN", "通过广东省统一身份认证登录")]
    [InlineData("en", "Sign in with Guangdong unified identity")]
    public async Task SignInPage_ConfiguredProviders_ShowsAButtonEach(string culture, string guangdong)
    {
        // Arrange
        using var browser = new TestBrowser(factory.Site);
        await browser.GetAsync($"/culture?culture={culture}&returnUrl=%2Fsignin");

        // Act
        var page = WebUtility.HtmlDecode(await (await browser.GetAsync("/signin")).Content.ReadAsStringAsync());

        // Assert
        Assert.Contains(guangdong, page, StringComparison.Ordinal);
        Assert.Contains("id=\"sso-national\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"sso-closed\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_FirstTime_ProvisionsALinkedUserWithoutPasswordAndAuditsIt()
    {
        // Arrange
        var user = AddPlatformUser(("role", "staff"), ("name", "李娜"));
        using var browser = new TestBrowser(factory.Site);

        // Act
        await SignInThroughPlatformAsync(browser, "guangdong", user);

        // Assert
        var local = await FindLinkedAsync("guangdong", user.Subject);
        Assert.NotNull(local);
        Assert.Equal($"guangdong.{user.UserName.ToLowerInvariant()}", local.Id);
        Assert.Equal(local.Id, local.UserName);
        Assert.Equal(("guangdong", "agency-staff", "李娜"), (local.AgencyCode, local.Roles, local.DisplayName));
        Assert.Null(local.PasswordHash);
        Assert.False(local.MustChangePassword);
        var line = Assert.Single(await AuditAsync(local.Id));
        Assert.Equal(("signin.sso", "succeeded"), (line.Action, line.Outcome));
        Assert.Contains("provisioned", line.Detail, StringComparison.Ordinal);
        Assert.Equal("127.0.0.1", line.Address);
    }

    [Fact]
    public async Task SignIn_PreferredNameOfAnExistingPasswordUser_NeverLinkedToIt()
    {
        // Arrange: the platform user calls themselves "staff", so guangdong.staff (a seeded password user) is the name asked for.
        var user = AddPlatformUser(("role", "lead"), ("amr", "otp")) with { UserName = "staff" };
        factory.Platform.Users[user.UserName] = user;
        using var browser = new TestBrowser(factory.Site);

        // Act
        await SignInThroughPlatformAsync(browser, "guangdong", user);

        // Assert: a user of its own, named from the subject; the password user keeps its roles and gains no login.
        var local = await FindLinkedAsync("guangdong", user.Subject);
        Assert.NotNull(local);
        Assert.Matches("^guangdong\\.sso-[0-9a-f]{10}$", local.Id);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserRecord>>();
        var staff = await users.FindByNameAsync("guangdong.staff");
        Assert.Equal("agency-staff", staff!.Roles);
        Assert.Empty(await users.GetLoginsAsync(staff));
    }

    [Fact]
    public async Task SignIn_Again_SameLocalUserWithTheRolesThePlatformNowGives()
    {
        // Arrange: signed in once as staff; the platform then makes the person a lead (who needs a second factor).
        var user = AddPlatformUser(("role", "staff"));
        using (var first = new TestBrowser(factory.Site))
        {
            await SignInThroughPlatformAsync(first, "guangdong", user);
        }

        var before = await FindLinkedAsync("guangdong", user.Subject);
        factory.Platform.Users[user.UserName] = user with { Claims = [("role", "lead"), ("amr", "otp")] };
        using var browser = new TestBrowser(factory.Site);

        // Act
        await SignInThroughPlatformAsync(browser, "guangdong", user);

        // Assert: one user, re-mapped, with a new security stamp (sessions with the old roles end).
        var after = await FindLinkedAsync("guangdong", user.Subject);
        Assert.Equal(before!.Id, after!.Id);
        Assert.Equal("agency-lead", after.Roles);
        Assert.NotEqual(before.SecurityStamp, after.SecurityStamp);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/api-keys?agency=guangdong")).StatusCode);
        Assert.Contains((await AuditAsync(after.Id)), l => l.Detail!.Contains("was agency guangdong, roles agency-staff", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignIn_Session_CheckedAndRevocableLikeAPasswordSession()
    {
        // Arrange: signed in through the platform; the session outlives its first check (it carries the user's stamp).
        var user = AddPlatformUser(("role", "staff"));
        using var browser = new TestBrowser(factory.Site);
        await SignInThroughPlatformAsync(browser, "guangdong", user);
        factory.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/tasks")).StatusCode);

        // Act: the user's sessions are ended here (a new security stamp), and the next check comes.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<UserRecord>>();
            Assert.True((await users.UpdateSecurityStampAsync((await users.FindByLoginAsync("guangdong", user.Subject))!)).Succeeded);
        }

        factory.Time.Advance(TimeSpan.FromMinutes(2));
        var after = await browser.GetAsync("/api/tasks");

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task SignIn_LocalUserDisabled_RefusedAndAudited()
    {
        // Arrange
        var user = AddPlatformUser(("role", "staff"));
        using (var first = new TestBrowser(factory.Site))
        {
            await SignInThroughPlatformAsync(first, "guangdong", user);
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<UserRecord>>();
            var local = await users.FindByLoginAsync("guangdong", user.Subject);
            local!.DisabledAt = factory.Time.GetUtcNow();
            Assert.True((await users.UpdateAsync(local)).Succeeded);
        }

        using var browser = new TestBrowser(factory.Site);

        // Act
        var landing = await SignInThroughPlatformAsync(browser, "guangdong", user);

        // Assert
        await AssertRefusedAsync(browser, landing, "guangdong", "disabled");
        var linked = await FindLinkedAsync("guangdong", user.Subject);
        Assert.Contains(await AuditAsync(linked!.Id), l => l.Outcome == "refused" && l.Detail!.StartsWith("disabled:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignIn_Refused_AuditedWithTheSubjectAndNoUserCreated()
    {
        // Arrange
        var user = AddPlatformUser(("province", "hainan"), ("role", "staff"));
        using var browser = new TestBrowser(factory.Site);

        // Act
        await SignInThroughPlatformAsync(browser, "national", user);

        // Assert
        Assert.Null(await FindLinkedAsync("national", user.Subject));
        var line = Assert.Single(await AuditAsync($"sso:national:{user.Subject}"));
        Assert.Equal(("signin.sso", "refused"), (line.Action, line.Outcome));
        Assert.StartsWith("agency:", line.Detail, StringComparison.Ordinal);
    }

    /// <summary>A new platform user (a fresh subject and login name) with the given claims.</summary>
    private PlatformUser AddPlatformUser(params (string Type, string Value)[] claims)
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var user = new PlatformUser($"user{id}", "platform-password", $"subject-{id}", [.. claims.Where(c => c.Value.Length > 0)]);
        factory.Platform.Users[user.UserName] = user;
        return user;
    }

    /// <summary>
    /// What a person does: opens the sign-in page, presses the platform's button, signs in on the platform's page, and
    /// is sent back. The last answer.
    /// </summary>
    private async Task<HttpResponseMessage> SignInThroughPlatformAsync(TestBrowser browser, string provider, PlatformUser user, string returnUrl = "/inbox")
    {
        var signin = await (await browser.GetAsync($"/signin?returnUrl={Uri.EscapeDataString(returnUrl)}")).Content.ReadAsStringAsync();
        var platformPage = await browser.PostFormAsync($"/account/external/{provider}", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TestBrowser.HiddenField(signin, $"account/external/{provider}", "__RequestVerificationToken"),
            ["returnUrl"] = TestBrowser.HiddenField(signin, $"account/external/{provider}", "returnUrl"),
        });
        var form = await platformPage.Content.ReadAsStringAsync();
        Assert.True(platformPage.StatusCode == HttpStatusCode.OK && form.Contains("platform-login", StringComparison.Ordinal), $"expected the platform's sign-in page: {platformPage.StatusCode} {form}");
        return await browser.PostFormAsync(new Uri(factory.Platform.Authority, "login").ToString(), new Dictionary<string, string>
        {
            ["returnUrl"] = TestBrowser.HiddenField(form, "/login", "returnUrl"),
            ["username"] = user.UserName,
            ["password"] = user.Password,
        });
    }

    private async Task<UserRecord?> FindLinkedAsync(string provider, string subject)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<UserRecord>>().FindByLoginAsync(provider, subject);
    }

    private Task<IReadOnlyList<AuditEntryView>> AuditAsync(string actor) =>
        factory.Services.GetRequiredService<AuditTrail>().ListAsync(new AuditQuery(Actor: actor, Action: "signin.sso"));

    private async Task AssertRefusedAsync(TestBrowser browser, HttpResponseMessage landing, string provider, string reason)
    {
        var page = await landing.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
        Assert.Equal("/signin/external-refused", browser.Visited[^1].AbsolutePath);
        Assert.Equal(reason, HttpUtility.ParseQueryString(browser.Visited[^1].Query)["reason"]);
        Assert.Equal(provider, HttpUtility.ParseQueryString(browser.Visited[^1].Query)["provider"]);
        Assert.Contains("id=\"sso-refused\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain(browser.Cookies.GetCookies(factory.Site).Cast<Cookie>(), c => c.Name == "aiplustasks");
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/tasks")).StatusCode);
    }
}
