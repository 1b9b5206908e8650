using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AiPlusTasks.Browser.Tests;

/// <summary>
/// The Integrations page as the authorization matrix (docs/security.md) has it for people who may not read the agency's
/// systems: an NDRC administrator manages users, not systems, and gets the page's refusal in place, in either language,
/// on a desktop and on a phone; agency staff see the subscriptions but not the keys.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class IntegrationsAccessTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private static readonly string ShotFolder = Path.Combine(Path.GetTempPath(), "shots17", "authz");

    [BrowserFact]
    public async Task Integrations_Administrator_SeesTheRefusalInItsLanguage_DesktopAndPhone()
    {
        Directory.CreateDirectory(ShotFolder);
        foreach (var (width, height) in new[] { (1366, 768), (390, 844) })
        {
            foreach (var english in new[] { false, true })
            {
                var page = await fixture.NewPageAsync();
                await page.SetViewportSizeAsync(width, height);
                await page.SignInAsync("ndrc.admin");
                await page.GotoAsync(english ? $"culture?culture=en&returnUrl={Uri.EscapeDataString("/integrations")}" : "integrations");
                await page.WaitForInteractiveAsync();

                await Assertions.Expect(page.Locator("#forbidden")).ToBeVisibleAsync();
                await Assertions.Expect(page.Locator("#webhooks")).ToHaveCountAsync(0);
                await Assertions.Expect(page.Locator("#api-keys")).ToHaveCountAsync(0);
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ShotFolder, $"integrations-admin-{width}-{(english ? "en" : "zh")}.png"), FullPage = true });
            }
        }

        var staff = await fixture.NewPageAsync();
        await staff.SetViewportSizeAsync(390, 844);
        await staff.SignInAsync("guangdong.staff");
        await staff.GotoAsync("integrations");
        await staff.WaitForInteractiveAsync();
        await Assertions.Expect(staff.Locator("#webhooks")).ToBeVisibleAsync();
        await Assertions.Expect(staff.Locator("#api-keys-leads-only")).ToBeVisibleAsync();
        await staff.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ShotFolder, "integrations-staff-390-zh.png"), FullPage = true });
        output.WriteLine($"screenshots in {ShotFolder}");
    }
}
