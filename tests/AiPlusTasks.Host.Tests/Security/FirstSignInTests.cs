using System.Net;
using System.Net.Http.Json;
using AiPlusTasks.Engine.Audit;

namespace AiPlusTasks.Host.Tests.Security;

/// <summary>
/// Issue 17, forced password change: a user whose password was set by someone else (created, reset) gets no session
/// and no token until choosing a new one that meets the policy, through the page or the API.
/// </summary>
[Trait("Category", "Security")]
public sealed class FirstSignInTests(SecurityHostFactory factory) : IClassFixture<SecurityHostFactory>
{
    [Fact]
    public async Task Token_MustChangePassword_Is403UntilChangedThroughTheApi()
    {
        // Arrange
        await factory.CreateUserAsync("first.api", mustChangePassword: true);
        var client = factory.CreateClientFrom();

        // Act
        var before = await SecurityHostFactory.TokenAsync(client, "first.api", SecurityHostFactory.UserPassword);
        var weak = await client.PostAsJsonAsync("/api/account/password", new { username = "first.api", currentPassword = SecurityHostFactory.UserPassword, newPassword = "short" });
        var wrongCurrent = await client.PostAsJsonAsync("/api/account/password", new { username = "first.api", currentPassword = "wrong", newPassword = "Brand-New-Pass-7" });
        var changed = await client.PostAsJsonAsync("/api/account/password", new { username = "first.api", currentPassword = SecurityHostFactory.UserPassword, newPassword = "Brand-New-Pass-7" });
        var after = await SecurityHostFactory.TokenAsync(client, "first.api", "Brand-New-Pass-7");

        // Assert
        var refused = await before.ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Equal("password_change_required", refused["code"].Str());
        var policy = await weak.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["newPassword"], policy.ErrorKeys());
        Assert.Contains("at least 10 characters", policy.ErrorText(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongCurrent.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.False(await factory.WithUserAsync("first.api", (_, user) => Task.FromResult(user.MustChangePassword)));
        Assert.Contains(await factory.AuditAsync("first.api"), a => a is { Action: "password.change", Outcome: AuditOutcomes.Succeeded });
    }

    [Fact]
    public async Task Form_MustChangePassword_OpensNothingButThePasswordPageUntilChanged()
    {
        // Arrange
        await factory.CreateUserAsync("first.form", mustChangePassword: true);

        // Act
        var (signedIn, browser) = await factory.SignInWithFormAsync("first.form", SecurityHostFactory.UserPassword);
        var inbox = await browser.GetAsync(new Uri("/inbox", UriKind.Relative));
        var api = await browser.GetAsync(new Uri("/api/tasks", UriKind.Relative));
        var page = await SecurityHostFactory.PageTextAsync(browser, new Uri("/account/password", UriKind.Relative));
        var weak = await SecurityHostFactory.PostFormAsync(browser, "/account/password", "/account/password", new()
        {
            ["currentPassword"] = SecurityHostFactory.UserPassword,
            ["newPassword"] = "alllowercase",
            ["confirmPassword"] = "alllowercase",
        });
        var weakPage = await SecurityHostFactory.PageTextAsync(browser, weak.Headers.Location!);
        var changed = await SecurityHostFactory.PostFormAsync(browser, "/account/password", "/account/password", new()
        {
            ["currentPassword"] = SecurityHostFactory.UserPassword,
            ["newPassword"] = "Brand-New-Pass-8",
            ["confirmPassword"] = "Brand-New-Pass-8",
        });
        var inboxAfter = await browser.GetAsync(new Uri("/inbox", UriKind.Relative));

        // Assert
        Assert.Equal("/account/password", signedIn.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, inbox.StatusCode);
        Assert.StartsWith("/signin", inbox.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Contains("设置新密码", page, StringComparison.Ordinal);
        Assert.Contains("密码须包含大写字母", weakPage, StringComparison.Ordinal);
        Assert.Contains("密码须包含数字", weakPage, StringComparison.Ordinal);
        Assert.Equal("/inbox", changed.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, inboxAfter.StatusCode);
    }

    [Fact]
    public async Task PasswordPage_WithoutASignIn_SendsToSignIn()
    {
        // Arrange
        var client = factory.CreateClientFrom();

        // Act
        var page = await client.GetAsync(new Uri("/account/password", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/signin", page.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }
}
