using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AiPlusTasks.Browser.Tests;

/// <summary>
/// The working calendar in Chromium. The host's clock stands in December 2026 and 2027 has no data, so the NDRC
/// dashboard warns about it until a supervisor enters 2027's holidays.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CalendarTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [BrowserFact]
    public async Task Supervisor_Enters2027SpringFestival_GridShowsItAndTheDashboardWarningGoes()
    {
        // Arrange: the dashboard warns that 2027 is missing and links to the calendar page.
        var page = await fixture.NewPageAsync(1366, 768);
        await page.SignInAsync("ndrc.supervisor");
        await page.GotoAsync("dashboard");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.Locator("#calendar-missing-year")).ToContainTextAsync("2027 年的法定节假日安排尚未录入，按周一至周五计算工作日");
        await page.ScreenshotAsync(output, "calendar-dashboard-warning");
        await page.ClickAsync("#calendar-missing-year-link");
        await page.WaitForAddressAsync("calendar?year=2027");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.Locator("#calendar-no-data")).ToBeVisibleAsync();

        // Act: 春节 from Friday 2027-02-05 to Saturday 02-13, and a make-up Sunday on 01-31, with a reason.
        await page.EnterAsync("#calendar-add-from", "2027-02-05");
        await page.EnterAsync("#calendar-add-to", "2027-02-13");
        await page.EnterAsync("#calendar-add-name-zh", "春节");
        await page.EnterAsync("#calendar-add-name-en", "Spring Festival");
        await page.ClickAsync("#calendar-add");
        await Assertions.Expect(page.Locator("#calendar-pending-days [data-date]")).ToHaveCountAsync(9);
        await page.EnterAsync("#calendar-reason", "国务院办公厅通知发布前，先按春节放假安排录入");
        await page.ClickAsync("#calendar-save");

        // Assert: the grid marks and names the days, the history names who and why, the source is correction 1.
        await Assertions.Expect(page.Locator("#calendar-months td.calendar-holiday[data-date='2027-02-05']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#calendar-months td.calendar-holiday")).ToHaveCountAsync(9);
        await Assertions.Expect(page.Locator("#calendar-month-2")).ToContainTextAsync("春节：2月5日至2月13日");
        await Assertions.Expect(page.Locator("#calendar-no-data")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#calendar-source")).ToContainTextAsync("第 1 次修订");
        await Assertions.Expect(page.Locator("#calendar-revisions .calendar-revision")).ToContainTextAsync("先按春节放假安排录入");
        await page.ScreenshotAsync(output, "calendar-2027-corrected-1366");
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(output, "calendar-2027-corrected-390");

        await page.GotoAsync("dashboard");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#calendar-missing-year")).ToHaveCountAsync(0);
    }

    [BrowserFact]
    public async Task AgencyStaff_Opens2026_SeesTheGridReadOnly_InEnglishToo()
    {
        var page = await fixture.NewPageAsync(390, 844);
        await page.SignInAsync("guangdong.staff");

        await page.GotoAsync("calendar?year=2026");
        await page.WaitForInteractiveAsync();

        await Assertions.Expect(page.Locator("#calendar-months td.calendar-makeup[data-date='2026-02-14']")).ToContainTextAsync("班");
        await Assertions.Expect(page.Locator("#calendar-months td.calendar-holiday[data-date='2026-10-01']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#calendar-notice")).ToContainTextAsync("国务院办公厅关于2026年部分节假日安排的通知");
        await Assertions.Expect(page.Locator("#calendar-month-1")).ToContainTextAsync("元旦：1月1日至1月3日");
        await Assertions.Expect(page.Locator("#calendar-editor")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#calendar-read-only")).ToBeVisibleAsync();
        await page.ScreenshotAsync(output, "calendar-2026-staff-390");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Ui.ScreenshotFolder, "calendar-2026-staff-390-top.png") });

        await page.ClickAsync("#menu-button");
        await page.ClickAsync("#menu-language-switch");
        await page.WaitForAddressAsync("calendar");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Working calendar");
        await Assertions.Expect(page.Locator("#calendar-month-10")).ToContainTextAsync("National Day");
        await page.SetViewportSizeAsync(1366, 768);
        await page.ScreenshotAsync(output, "calendar-2026-staff-en-1366");
    }
}
