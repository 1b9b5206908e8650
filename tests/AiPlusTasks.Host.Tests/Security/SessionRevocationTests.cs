using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AiPlusTasks.Engine.Audit;

namespace AiPlusTasks.Host.Tests.Security;

/// <summary>
/// Issue 17, revocable sessions: a copied cookie stops working after sign-out, sign-out needs the antiforgery token,
/// access tokens are short-lived, the refresh route works until the session ends, and a password change or a disabled
/// user ends every token.
/// </summary>
[Trait("Category", "Security")]
public sealed class SessionRevocationTests(SecurityHostFactory factory) : IClassFixture<SecurityHostFactory>
{
    /// <summary>Past the session validation interval (1 minute), so the next request checks the session.</summary>
    private static readonly TimeSpan PastInterval = TimeSpan.FromSeconds(61);

    [Fact]
    public async Task Cookie_CopiedBeforeSignOut_IsRefusedAfterIt()
    {
        // Arrange
        await factory.CreateUserAsync("cookie.copied");
        var (signedIn, browser) = await factory.SignInWithFormAsync("cookie.copied", SecurityHostFactory.UserPassword);
        Assert.Equal("/inbox", signedIn.Headers.Location?.OriginalString);
        var copied = CookieOf(signedIn);
        var thief = factory.CreateClientFrom("192.0.2.66");
        thief.DefaultRequestHeaders.Add("Cookie", copied);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync(new Uri("/inbox", UriKind.Relative))).StatusCode);

        // Act
        var signOut = await SecurityHostFactory.PostFormAsync(browser, "/inbox", "/account/signout", []);
        factory.Time.Advance(PastInterval);
        var page = await thief.GetAsync(new Uri("/inbox", UriKind.Relative));
        var api = await thief.GetAsync(new Uri("/api/tasks", UriKind.Relative));

        // Assert
        Assert.Equal("/signin", signOut.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/signin", page.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Contains(await factory.AuditAsync("cookie.copied"), a => a is { Action: "signout", Outcome: AuditOutcomes.Succeeded });
    }

    [Fact]
    public async Task SignOut_WithoutAntiforgeryToken_Is400AndTheSessionStays()
    {
        // Arrange
        await factory.CreateUserAsync("signout.csrf");
        var (_, browser) = await factory.SignInWithFormAsync("signout.csrf", SecurityHostFactory.UserPassword);

        // Act: what a cross-site form would send, the cookie but no token.
        var signOut = await browser.PostAsync(new Uri("/account/signout", UriKind.Relative), new FormUrlEncodedContent([]));
        factory.Time.Advance(PastInterval);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri("/inbox", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Token_IsShortLivedAndRefreshGivesNewOnes()
    {
        // Arrange
        await factory.CreateUserAsync("refresh.user");
        var client = factory.CreateClientFrom();
        var issued = await SecurityHostFactory.TokenAsync(client, "refresh.user", SecurityHostFactory.UserPassword);
        var first = await issued.ExpectAsync(HttpStatusCode.OK);

        // Act
        var refreshed = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = first["refreshToken"].Str() });

        // Assert
        Assert.Equal(900, first["expiresIn"]!.GetValue<long>());
        var (access, _) = await SecurityHostFactory.TokensOf(refreshed);
        Assert.NotEqual(first["accessToken"].Str(), access);
        Assert.Equal(HttpStatusCode.OK, (await GetTasksAsync(access)).StatusCode);
        Assert.Contains(await factory.AuditAsync("refresh.user"), a => a is { Action: "token.refresh", Outcome: AuditOutcomes.Succeeded });
    }

    [Fact]
    public async Task Token_AfterSignOut_AccessAndRefreshTokensAreRefused()
    {
        // Arrange
        await factory.CreateUserAsync("token.signout");
        var client = factory.CreateClientFrom();
        var (access, refresh) = await SecurityHostFactory.TokensOf(await SecurityHostFactory.TokenAsync(client, "token.signout", SecurityHostFactory.UserPassword));
        Assert.Equal(HttpStatusCode.OK, (await GetTasksAsync(access)).StatusCode);

        // Act
        var signOut = await SendAsync(HttpMethod.Post, "/api/auth/signout", access);
        var afterwards = await GetTasksAsync(access);
        var refreshed = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = refresh });

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterwards.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refreshed.StatusCode);
        Assert.Contains(await factory.AuditAsync("token.signout"), a => a is { Action: "token.refresh", Outcome: AuditOutcomes.Refused });
    }

    [Fact]
    public async Task Token_UsedBeforeAndThenPastItsExpiry_IsRefused()
    {
        // Arrange: the token was read once (and kept by the node), and its user's session stays current
        await factory.CreateUserAsync("token.expired");
        var client = factory.CreateClientFrom();
        var (access, _) = await SecurityHostFactory.TokensOf(await SecurityHostFactory.TokenAsync(client, "token.expired", SecurityHostFactory.UserPassword));
        Assert.Equal(HttpStatusCode.OK, (await GetTasksAsync(access)).StatusCode);
        factory.Time.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(HttpStatusCode.OK, (await GetTasksAsync(access)).StatusCode);

        // Act: past the access token's 15 minutes
        factory.Time.Advance(TimeSpan.FromMinutes(1));
        var afterwards = await GetTasksAsync(access);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, afterwards.StatusCode);
    }

    [Fact]
    public async Task Token_AfterPasswordChange_AllOldTokensAreRefused()
    {
        // Arrange
        await factory.CreateUserAsync("token.password");
        var client = factory.CreateClientFrom();
        var (access, refresh) = await SecurityHostFactory.TokensOf(await SecurityHostFactory.TokenAsync(client, "token.password", SecurityHostFactory.UserPassword));

        // Act
        var changed = await client.PostAsJsonAsync(
            "/api/account/password", new { username = "token.password", currentPassword = SecurityHostFactory.UserPassword, newPassword = "Another-Horse-43" });

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetTasksAsync(access)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = refresh })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SecurityHostFactory.TokenAsync(client, "token.password", "Another-Horse-43")).StatusCode);
    }

    [Fact]
    public async Task Token_OfAUserDisabledLater_IsRefusedWithinTheInterval()
    {
        // Arrange
        await factory.CreateUserAsync("token.disabled");
        var client = factory.CreateClientFrom();
        var (access, refresh) = await SecurityHostFactory.TokensOf(await SecurityHostFactory.TokenAsync(client, "token.disabled", SecurityHostFactory.UserPassword));
        Assert.Equal(HttpStatusCode.OK, (await GetTasksAsync(access)).StatusCode);

        // Act: disabled as an administrator would, without touching the stamp.
        await factory.WithUserAsync("token.disabled", async (users, user) =>
        {
            user.DisabledAt = factory.Time.GetUtcNow();
            return await users.UpdateAsync(user);
        });
        factory.Time.Advance(PastInterval);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetTasksAsync(access)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = refresh })).StatusCode);
    }

    [Fact]
    public async Task Refresh_ForgedOrMissingToken_Is401Or400()
    {
        // Arrange
        var client = factory.CreateClientFrom();

        // Act
        var forged = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = "not-a-token" });
        var missing = await client.PostAsJsonAsync("/api/auth/refresh", new { });

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        var problem = await missing.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["refreshToken"], problem.ErrorKeys());
    }

    private Task<HttpResponseMessage> GetTasksAsync(string access) => SendAsync(HttpMethod.Get, "/api/tasks", access);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string access)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", access);
        return await factory.CreateClient().SendAsync(request);
    }

    /// <summary>The sign-in cookie a response set, as a <c>Cookie</c> header value.</summary>
    private static string CookieOf(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("aiplustasks=", StringComparison.Ordinal));
}
