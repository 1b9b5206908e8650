using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AiPlusTasks.Browser.Tests;

/// <summary><c>/signin</c> in Chromium: wrong passwords, and who may see the inbox without signing in.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class SignInTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [BrowserFact]
    public async Task SignIn_WrongPassword_ShowsErrorAndStaysOnSignIn()
    {
        // Arrange
        var page = await fixture.NewPageAsync();

        // Act
        await page.SignInAsync("guangdong.staff", "not-the-password");

        // Assert
        await Assertions.Expect(page).ToHaveURLAsync(FailedSignIn());
        await Assertions.Expect(page.Locator("#signin-error")).ToHaveTextAsync("用户名或密码不正确。");
        await Assertions.Expect(page.Locator("#username")).ToBeVisibleAsync();
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "aiplustasks");
        await page.ScreenshotAsync(output, "signin-wrong-password");
    }

    [BrowserFact]
    public async Task Inbox_NotSignedIn_RedirectsToSignInAndBackAfterSigningIn()
    {
        // Arrange
        var page = await fixture.NewPageAsync();

        // Act
        await page.GotoAsync("inbox");

        // Assert
        Assert.StartsWith("/signin", page.PathAndQuery(), StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#username")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#signed-in-user")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("input[name=returnUrl]")).ToHaveValueAsync("/inbox");
        await page.ScreenshotAsync(output, "inbox-redirects-to-signin");

        await page.SignInAsync("guangdong.staff");
        Assert.Equal("/inbox", page.PathAndQuery());
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("任务收件箱");
    }

    [GeneratedRegex(@"/signin\?failed=true(&|$)")]
    private static partial Regex FailedSignIn();
}
