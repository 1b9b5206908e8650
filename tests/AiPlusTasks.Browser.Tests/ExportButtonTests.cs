using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AiPlusTasks.Browser.Tests;

/// <summary>
/// The export buttons in Chromium: 导出台账 on the plan page (NDRC), 导出周报/月报 in a province's inbox; each downloads
/// its file with a Chinese name through the sign-in cookie. Screenshots at 1366 and 390 px, Chinese and English.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ExportButtonTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [BrowserFact]
    public async Task Planner_PlanPage_DownloadsTheLedger()
    {
        var page = await fixture.NewPageAsync(1366, 768);
        await page.SignInAsync("ndrc.planner");
        await page.GotoAsync("plans/ai-plus-2025-2027");
        await page.WaitForInteractiveAsync();

        await Assertions.Expect(page.Locator("#export-ledger-xlsx")).ToHaveTextAsync("导出台账");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-ledger-xlsx"));
        Assert.StartsWith("人工智能+", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.Contains("台账", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.Null(await download.FailureAsync());
        var csv = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-ledger-csv"));
        Assert.EndsWith(".csv", csv.SuggestedFilename, StringComparison.Ordinal);
    }

    [BrowserFact]
    public async Task ProvinceStaff_Inbox_DownloadsTheWeeklyReport()
    {
        var page = await fixture.NewPageAsync(1366, 768);
        await page.SignInAsync("guangdong.staff");
        await page.WaitForInteractiveAsync();

        await Assertions.Expect(page.Locator("#export-week-xlsx")).ToHaveTextAsync("导出周报");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-week-xlsx"));
        Assert.StartsWith("广东省 周报 ", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        var month = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-month-csv"));
        Assert.StartsWith("广东省 月报 ", month.SuggestedFilename, StringComparison.Ordinal);
    }

    [BrowserFact]
    public async Task Screenshots_ExportButtons_PhoneAndDesktop_ChineseAndEnglish()
    {
        foreach (var (width, height) in new[] { (1366, 768), (390, 844) })
        {
            foreach (var english in new[] { false, true })
            {
                var language = english ? "en" : "zh";
                var staff = await fixture.NewPageAsync(width, height);
                await staff.SignInAsync("guangdong.staff");
                await OpenAsync(staff, english, "/inbox");
                await Assertions.Expect(staff.Locator("#export-week-xlsx")).ToHaveTextAsync(english ? "Export weekly report" : "导出周报");
                await staff.ScreenshotAsync(output, $"export-inbox-{width}-{language}");

                var planner = await fixture.NewPageAsync(width, height);
                await planner.SignInAsync("ndrc.planner");
                await OpenAsync(planner, english, "/plans/ai-plus-2025-2027");
                await Assertions.Expect(planner.Locator("#export-ledger-xlsx")).ToHaveTextAsync(english ? "Export ledger" : "导出台账");
                await planner.ScreenshotAsync(output, $"export-plan-{width}-{language}");
            }
        }
    }

    private static async Task OpenAsync(IPage page, bool english, string path)
    {
        await page.GotoAsync(english ? $"culture?culture=en&returnUrl={Uri.EscapeDataString(path)}" : path.TrimStart('/'));
        await page.WaitForInteractiveAsync();
    }
}
