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

        await Assertions.Expect(page.Locator("#plan-versions [data-version]").First).ToContainTextAsync("第 1 版 · 2026-Q4");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("人工智能+ 行动 2025–2027");
        await Assertions.Expect(page.Locator("#plan-diff")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#plan-diff tbody tr").First).ToContainTextAsync("新增");
        await Assertions.Expect(page.Locator("#plan-diff")).Not.ToContainTextAsync("KT-01");
        await page.ClickAsync("#roll-now");
        await Assertions.Expect(page.Locator("#plan-message")).ToContainTextAsync("已滚动到第");
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
