using System.Net;

namespace AiPlusTasks.Host.Tests.Security;

/// <summary>
/// Issue 17, brute force and the CPU flood: the sign-in routes are rate limited per client address and per user name,
/// on both paths; a refused attempt is a 429 ProblemDetails with Retry-After (API) or the sign-in page saying to wait.
/// </summary>
[Trait("Category", "Security")]
public sealed class RateLimitTests(RateLimitTests.LowLimitsHostFactory factory) : IClassFixture<RateLimitTests.LowLimitsHostFactory>
{
    /// <summary>Six attempts per address and three per name, in windows longer than any test.</summary>
    public sealed class LowLimitsHostFactory : SecurityHostFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
        {
            ["Security:AddressPermitLimit"] = "6",
            ["Security:AddressWindow"] = "00:30:00",
            ["Security:UserPermitLimit"] = "3",
            ["Security:UserWindow"] = "00:30:00",
        };
    }

    [Fact]
    public async Task Token_TooManyAttemptsFromOneAddress_Answers429WithRetryAfter()
    {
        // Arrange: a different unknown name each time, so only the address limit applies.
        var client = factory.CreateClientFrom("192.0.2.1");
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SecurityHostFactory.TokenAsync(client, $"flood.a{i}", "x")).StatusCode);
        }

        // Act
        var refused = await SecurityHostFactory.TokenAsync(client, "flood.a-last", "x");
        var otherAddress = await SecurityHostFactory.TokenAsync(factory.CreateClientFrom("192.0.2.2"), "flood.b", "x");

        // Assert
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {refused.Headers.RetryAfter}");
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(429, (await SecurityHostFactory.JsonOf(refused))["status"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.Unauthorized, otherAddress.StatusCode);
    }

    [Fact]
    public async Task Form_TooManyAttemptsFromOneAddress_SendsToTheSignInPageThatSaysToWait()
    {
        // Arrange: the sign-in page itself is not limited; only the posts are.
        for (var i = 0; i < 6; i++)
        {
            var (failed, _) = await factory.SignInWithFormAsync($"flood.form{i}", "x", "192.0.2.10");
            Assert.StartsWith("/signin?failed=true", failed.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        // Act
        var (refused, client) = await factory.SignInWithFormAsync("flood.form-last", "x", "192.0.2.10");

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/signin?throttled=", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.NotNull(refused.Headers.RetryAfter);
        var page = await SecurityHostFactory.PageTextAsync(client, refused.Headers.Location!);
        Assert.Contains("登录尝试次数过多", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_TooManyAttemptsOnOneNameFromManyAddresses_Answers429()
    {
        // Arrange: one name, each attempt from another address (a botnet), fewer than the lockout's five.
        await factory.CreateUserAsync("flood.target");
        for (var i = 0; i < 3; i++)
        {
            var client = factory.CreateClientFrom($"192.0.2.{100 + i}");
            Assert.Equal(HttpStatusCode.Unauthorized, (await SecurityHostFactory.TokenAsync(client, "flood.target", "wrong")).StatusCode);
        }

        // Act
        var refused = await SecurityHostFactory.TokenAsync(factory.CreateClientFrom("192.0.2.200"), "FLOOD.target", SecurityHostFactory.UserPassword);

        // Assert
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains(await factory.AuditAsync("FLOOD.target"), a => a.Outcome == "refused" && a.Detail!.Contains("too many attempts", StringComparison.Ordinal));
    }
}
