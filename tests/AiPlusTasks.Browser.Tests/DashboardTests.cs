using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AiPlusTasks.Browser.Tests;

/// <summary>The NDRC dashboard in Chromium: the heatmap leads to the tasks behind a cell.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [BrowserFact]
    public async Task Planner_ClicksGuangdongsHeatmapCell_SeesGuangdongsTasks()
    {
        var page = await fixture.NewPageAsync();
        await page.SignInAsync("ndrc.planner");

        await page.GotoAsync("dashboard");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("督办仪表盘");
        await Assertions.Expect(page.Locator("#overdue-list")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#escalated-list")).ToBeVisibleAsync();
        await page.ScreenshotAsync(output, "dashboard");
        await page.Locator("td.heatmap-cell a[href*='agency=guangdong']").First.ClickAsync();

        await page.WaitForAddressAsync("/inbox?agency=guangdong");
        await Assertions.Expect(page.Locator("#inbox-list .task-title", new PageLocatorOptions { HasTextString = fixture.GuangdongTaskTitle })).ToHaveCountAsync(1);
    }
}
