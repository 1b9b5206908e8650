using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AiPlusTasks.Browser.Tests;

/// <summary>The NDRC's plan pages in Chromium: the seeded plan, its versions and diff, rolling now; agencies are kept out.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PlanPageTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [BrowserFact]
    public async Task Planner_OpensThePlan_SeesVersionsAndDiff_AndRollsNow()
    {
        var page = await fixture.NewPageAsync();
        await page.SignInAsync("ndrc.planner");

        await page.GotoAsync("plans");
        await page.WaitForInteractiveAsync();
        await page.Locator("#plan-list .plan-link").First.ClickAsync();
        await page.WaitForAddressAsync("/plans/");
        await page.WaitForInteractiveAsync();

        await Assertions.Expect(page.Locator("#plan-versions [data-version]").First).ToContainTextAsync("v1 · 2026-Q4");
        await Assertions.Expect(page.Locator("#plan-diff")).ToBeVisibleAsync();
        await page.ClickAsync("#roll-now");
        await Assertions.Expect(page.Locator("#plan-message")).ToContainTextAsync("已滚动到 v");
        await page.ScreenshotAsync(output, "plan-rolled");
    }

    [BrowserFact]
    public async Task AgencyStaff_VisitingPlans_IsForbidden()
    {
        var page = await fixture.NewPageAsync();
        await page.SignInAsync("guangdong.staff");

        await page.GotoAsync("plans");

        // The plan service refuses the caller and the page shows its notice in place (the API answers the same 403).
        await Assertions.Expect(page.Locator("#forbidden")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#plan-list")).ToHaveCountAsync(0);
    }
}
