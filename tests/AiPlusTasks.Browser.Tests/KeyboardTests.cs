using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AiPlusTasks.Browser.Tests;

/// <summary>The sign-in and the inbox with the keyboard alone: labelled fields, Tab order, Enter and Space.</summary>
[Collection(BrowserCollection.Name)]
public sealed class KeyboardTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [BrowserFact]
    public async Task SignInAndSwitchView_KeyboardOnly()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("signin");

        // Every field has a label that names it.
        await Assertions.Expect(page.GetByLabel("用户名")).ToHaveIdAsync("username");
        await Assertions.Expect(page.GetByLabel("密码")).ToHaveIdAsync("password");

        await page.Locator("#username").FocusAsync();
        await page.Keyboard.TypeAsync("guangdong.staff");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(BrowserHost.Password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("/inbox", StringComparison.Ordinal));
        await page.WaitForInteractiveAsync();

        // Tab reaches the view buttons; Space presses one.
        var unclaimed = page.Locator("[data-view=unclaimed]");
        for (var i = 0; i < 30 && !await unclaimed.EvaluateAsync<bool>("e => e === document.activeElement"); i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(unclaimed).ToHaveAttributeAsync("aria-pressed", "true");
        await page.ScreenshotAsync(output, "keyboard-unclaimed");
    }
}
