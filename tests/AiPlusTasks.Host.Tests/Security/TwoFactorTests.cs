using System.Net;
using System.Text.RegularExpressions;
using AiPlusTasks.Engine.Audit;
using OtpNet;

namespace AiPlusTasks.Host.Tests.Security;

/// <summary>
/// Issue 17, two-factor sign-in: required for the configured roles (here agency leads), enrolled at the first sign-in
/// in the web UI, asked for at each sign-in on the page and in <c>POST /api/auth/token</c> (<c>otp</c>), each code once.
/// </summary>
[Trait("Category", "Security")]
public sealed partial class TwoFactorTests(TwoFactorTests.LeadsUseTwoFactorHostFactory factory) : IClassFixture<TwoFactorTests.LeadsUseTwoFactorHostFactory>
{
    public sealed class LeadsUseTwoFactorHostFactory : SecurityHostFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
        {
            ["Security:TwoFactorRoles"] = "agency-lead",
        };
    }

    [Fact]
    public async Task Token_LeadNotEnrolled_Is403AskingToEnrolInTheWebUi()
    {
        // Arrange
        await factory.CreateUserAsync("lead.unenrolled", roles: "agency-lead");
        var client = factory.CreateClientFrom();

        // Act
        var response = await SecurityHostFactory.TokenAsync(client, "lead.unenrolled", SecurityHostFactory.UserPassword);
        var staff = await SecurityHostFactory.TokenAsync(client, (await factory.CreateUserAsync("staff.nototp")).UserName!, SecurityHostFactory.UserPassword);

        // Assert
        Assert.Equal("two_factor_enrolment_required", (await response.ExpectAsync(HttpStatusCode.Forbidden))["code"].Str());
        Assert.Equal(HttpStatusCode.OK, staff.StatusCode);
    }

    [Fact]
    public async Task Token_EnrolledLead_NeedsTheCurrentCodeOnce()
    {
        // Arrange
        var key = await EnrolAsync("lead.enrolled");
        var client = factory.CreateClientFrom();
        var code = CodeAt(key, factory.Time.GetUtcNow());

        // Act
        var without = await SecurityHostFactory.TokenAsync(client, "lead.enrolled", SecurityHostFactory.UserPassword);
        var wrong = await SecurityHostFactory.TokenAsync(client, "lead.enrolled", SecurityHostFactory.UserPassword, otp: WrongCode(code));
        var right = await SecurityHostFactory.TokenAsync(client, "lead.enrolled", SecurityHostFactory.UserPassword, otp: code);
        var replayed = await SecurityHostFactory.TokenAsync(client, "lead.enrolled", SecurityHostFactory.UserPassword, otp: code);
        factory.Time.Advance(TimeSpan.FromSeconds(30));
        var next = await SecurityHostFactory.TokenAsync(client, "lead.enrolled", SecurityHostFactory.UserPassword, otp: CodeAt(key, factory.Time.GetUtcNow()));

        // Assert
        Assert.Equal("two_factor_required", (await without.ExpectAsync(HttpStatusCode.Unauthorized))["code"].Str());
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Contains(await factory.AuditAsync("lead.enrolled"), a => a is { Action: "signin.two-factor", Outcome: AuditOutcomes.Failed });
    }

    [Fact]
    public async Task Form_LeadFirstSignIn_EnrolsThenShowsRecoveryCodesThenSignsIn()
    {
        // Arrange
        await factory.CreateUserAsync("lead.form", roles: "agency-lead");

        // Act
        var (signedIn, browser) = await factory.SignInWithFormAsync("lead.form", SecurityHostFactory.UserPassword);
        var inboxBefore = await browser.GetAsync(new Uri("/inbox", UriKind.Relative));
        var setup = await (await browser.GetAsync(new Uri("/account/two-factor/setup", UriKind.Relative))).Content.ReadAsStringAsync();
        var key = ShownKey().Match(setup).Groups["key"].Value.Replace(" ", "", StringComparison.Ordinal);
        var enrolled = await SecurityHostFactory.PostFormAsync(browser, "/account/two-factor/setup", "/account/two-factor/setup", new()
        {
            ["code"] = CodeAt(key, factory.Time.GetUtcNow()),
        });
        var codesPage = await (await browser.GetAsync(enrolled.Headers.Location)).Content.ReadAsStringAsync();
        var done = await SecurityHostFactory.PostFormAsync(browser, "/account/two-factor/recovery-codes", "/account/two-factor/recovery-codes", new() { ["noted"] = "true" });
        var inboxAfter = await browser.GetAsync(new Uri("/inbox", UriKind.Relative));

        // Assert
        Assert.Equal("/account/two-factor/setup", signedIn.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, inboxBefore.StatusCode);
        Assert.Contains("<svg", setup, StringComparison.Ordinal);
        Assert.Equal(32, key.Length);
        Assert.Equal("/account/two-factor/recovery-codes", enrolled.Headers.Location?.OriginalString);
        Assert.Equal(10, RecoveryCode().Count(codesPage));
        Assert.Equal("/inbox", done.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, inboxAfter.StatusCode);
        Assert.Contains(await factory.AuditAsync("lead.form"), a => a is { Action: "two-factor.enrol", Outcome: AuditOutcomes.Succeeded });
    }

    [Fact]
    public async Task Form_EnrolledLead_GivesTheCodeOrARecoveryCodeOnce()
    {
        // Arrange
        var key = await EnrolAsync("lead.code");
        var recovery = await factory.WithUserAsync("lead.code", async (users, user) => (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 2))!.First());

        // Act
        var (signedIn, browser) = await factory.SignInWithFormAsync("lead.code", SecurityHostFactory.UserPassword);
        var wrong = await SecurityHostFactory.PostFormAsync(browser, "/account/two-factor", "/account/two-factor", new() { ["code"] = WrongCode(CodeAt(key, factory.Time.GetUtcNow())) });
        var right = await SecurityHostFactory.PostFormAsync(browser, "/account/two-factor", "/account/two-factor", new() { ["code"] = recovery });
        var (_, again) = await factory.SignInWithFormAsync("lead.code", SecurityHostFactory.UserPassword);
        var reused = await SecurityHostFactory.PostFormAsync(again, "/account/two-factor", "/account/two-factor", new() { ["code"] = recovery });

        // Assert
        Assert.Equal("/account/two-factor", signedIn.Headers.Location?.OriginalString);
        Assert.Equal("/account/two-factor?failed=true", wrong.Headers.Location?.OriginalString);
        Assert.Equal("/inbox", right.Headers.Location?.OriginalString);
        Assert.Equal("/account/two-factor?failed=true", reused.Headers.Location?.OriginalString);
    }

    /// <summary>Makes a lead enrolled as the setup page would leave it; returns the authenticator key.</summary>
    private async Task<string> EnrolAsync(string userName)
    {
        await factory.CreateUserAsync(userName, roles: "agency-lead");
        return await factory.WithUserAsync(userName, async (users, user) =>
        {
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
            return (await users.GetAuthenticatorKeyAsync(user))!;
        });
    }

    /// <summary>The authenticator app's code at a time (RFC 6238, as the app computes it).</summary>
    private static string CodeAt(string key, DateTimeOffset time) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(time.UtcDateTime);

    private static string WrongCode(string code) => code == "000000" ? "111111" : "000000";

    [GeneratedRegex("""id="authenticator-key"[^>]*>(?<key>[a-z2-7 ]+)<""")]
    private static partial Regex ShownKey();

    [GeneratedRegex("""<code>[A-Za-z0-9]{5}-[A-Za-z0-9]{5}</code>""")]
    private static partial Regex RecoveryCode();
}
