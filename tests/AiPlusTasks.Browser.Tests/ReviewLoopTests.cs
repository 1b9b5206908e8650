using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AiPlusTasks.Browser.Tests;

/// <summary>
/// The review loop in Chromium as staff and leads live it, in Chinese, on a desktop (1366×768) and on a phone (390 px):
/// guangdong's staff refine and report with a PDF; guangdong's lead signs off; miit's lead opens the report, downloads
/// the evidence, returns it with a reason (confirmed); guangdong's staff see the reason and the earlier report filled
/// in, and resubmit; guangdong's lead signs off again; the history reads in Chinese with names; hubei never sees it.
/// Every task page on the way shows no code and no English word.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReviewLoopTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private const string Title = "审核闭环 人工智能+政务服务";
    private const string Reason = "请补充数据治理的佐证材料";
    private static readonly byte[] Pdf = [.. "%PDF-1.7 广东 政务服务 调研报告\n"u8.ToArray(), .. Enumerable.Range(0, 64 * 1024).Select(i => (byte)(i % 251))];

    [BrowserFact]
    public async Task ReviewLoop_ReportSignOffReturnWithReasonResubmit_ReadsInChineseOnDesktopAndPhone()
    {
        await fixture.StartGuangdongTaskAsync(Title, "browser-tests:review-loop");
        var staff = await fixture.NewPageAsync(1366, 768);
        await staff.SignInAsync("guangdong.staff");

        // guangdong's staff refine the measures; the page says what comes next.
        await staff.OpenTaskAsync("细化落实举措", Title);
        await PageChecks.AssertPlainChineseAsync(staff);
        await staff.EnterAsync("#field-measures", "建设政务服务大模型，接入12345热线");
        await staff.ClickAsync("[data-outcome=Submitted]");
        await Assertions.Expect(staff.Locator("#next-step")).ToHaveTextAsync("已提交，等待填报。");
        await Assertions.Expect(staff.Locator("#back-to-inbox")).ToBeVisibleAsync();

        // The report step: one form, errors in Chinese under their field, a PDF uploaded into it.
        await staff.OpenTaskAsync("进度填报", Title);
        var reportUrl = staff.Url;
        await Assertions.Expect(staff.Locator("#case-steps [data-state=current]")).ToHaveTextAsync(new Regex("填报"));
        await Assertions.Expect(staff.Locator("form#progress-report, #progress-report")).ToHaveCountAsync(0);
        await Assertions.Expect(staff.Locator("#claim-hint")).ToContainTextAsync("不认领也可以直接办理");
        await staff.EnterAsync("#field-progressPercent", "140");
        await staff.ClickAsync("[data-outcome=Submitted]");
        await Assertions.Expect(staff.Locator("#error-progressPercent")).ToHaveTextAsync("不能大于 100。");
        await Assertions.Expect(staff.Locator("#error-done")).ToHaveTextAsync("此项必须填写。");
        await PageChecks.AssertPlainChineseAsync(staff);
        await staff.EnterAsync("#field-done", "完成需求调研和数据治理");
        await staff.EnterAsync("#field-next", "上线智能问答");
        await staff.EnterAsync("#field-progressPercent", "40");
        await staff.SelectOptionAsync("#field-selfColour", "Yellow");
        await staff.DispatchEventAsync("#field-selfColour", "change");
        await staff.EnterAsync("#field-confidence", "7");
        await staff.SetInputFilesAsync("#field-evidence", new FilePayload { Name = "调研报告.pdf", MimeType = "application/pdf", Buffer = Pdf });
        await Assertions.Expect(staff.Locator("[data-field=evidence] .evidence-file")).ToContainTextAsync("调研报告.pdf");
        await staff.ScreenshotAsync(output, "loop-1-report-filled");
        await staff.ClickAsync("[data-outcome=Submitted]");
        await Assertions.Expect(staff.Locator("#next-step")).ToHaveTextAsync("已提交报告，等待本单位签发。");
        await Assertions.Expect(staff.Locator("#schema-values [data-field=done] dd")).ToHaveTextAsync("完成需求调研和数据治理");
        await PageChecks.AssertPlainChineseAsync(staff);

        // guangdong's lead signs it off, on a phone.
        var lead = await fixture.NewPageAsync(390, 844);
        await lead.SignInAsync("guangdong.lead");
        await lead.OpenTaskAsync("本单位签发", Title);
        await Assertions.Expect(lead.Locator("#report-under-review")).ToContainTextAsync("40%");
        await Assertions.Expect(lead.Locator("#report-under-review .evidence-link")).ToHaveTextAsync("调研报告.pdf");
        await PageChecks.AssertPlainChineseAsync(lead);
        await PageChecks.AssertFitsAsync(lead);
        await Shoot(lead, "loop-phone-zh-signoff");
        await lead.ClickAsync("[data-outcome=Approved]");
        await Assertions.Expect(lead.Locator("#next-step")).ToHaveTextAsync("已签发，等待牵头单位审核。");

        // miit's lead opens the review, sees the report, downloads the evidence, returns it with a reason (confirmed).
        var miit = await fixture.NewPageAsync(1366, 768);
        await miit.SignInAsync("miit.lead");
        await miit.OpenTaskAsync("审核进度报告", Title);
        var underReview = miit.Locator("#report-under-review");
        await Assertions.Expect(underReview).ToContainTextAsync("完成需求调研和数据治理");
        await Assertions.Expect(underReview).ToContainTextAsync("黄");
        await Assertions.Expect(underReview).ToContainTextAsync("7 分（满分 10 分）");
        var download = await miit.RunAndWaitForDownloadAsync(() => underReview.Locator(".evidence-link").ClickAsync());
        Assert.Equal("调研报告.pdf", download.SuggestedFilename);
        var downloaded = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Pdf)), Convert.ToHexStringLower(SHA256.HashData(downloaded)));
        await PageChecks.AssertPlainChineseAsync(miit);
        await Shoot(miit, "loop-desktop-zh-review");

        await miit.ClickAsync("[data-outcome=Returned]");
        await Assertions.Expect(miit.Locator("#error-reason")).ToHaveTextAsync("退回或不通过时必须填写理由。");
        await miit.EnterAsync("#field-reason", Reason);
        await miit.ClickAsync("[data-outcome=Returned]");
        var dialog = miit.Locator(".mud-dialog");
        await Assertions.Expect(dialog).ToContainTextAsync(Reason);
        await Shoot(miit, "loop-desktop-zh-confirm-return");
        await dialog.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "确认退回" }).ClickAsync();
        await Assertions.Expect(miit.Locator("#next-step")).ToHaveTextAsync("已退回，等待填报。");
        await PageChecks.AssertPlainChineseAsync(miit);

        // guangdong's staff, on a phone, see the reason and who gave it, and the earlier report with its file filled in.
        var phone = await fixture.NewPageAsync(390, 844);
        await phone.SignInAsync("guangdong.staff");
        await phone.OpenTaskAsync("进度填报", Title);
        Assert.NotEqual(reportUrl, phone.Url);
        var banner = phone.Locator("#return-reason");
        await Assertions.Expect(banner).ToContainTextAsync(Reason);
        await Assertions.Expect(banner).ToContainTextAsync("工业和信息化部");
        await Assertions.Expect(banner).ToContainTextAsync("牵头单位审核");
        await Assertions.Expect(phone.Locator("#field-done")).ToHaveValueAsync("完成需求调研和数据治理");
        await Assertions.Expect(phone.Locator("#field-selfColour")).ToHaveValueAsync("Yellow");
        await Assertions.Expect(phone.Locator("[data-field=evidence] .evidence-file")).ToContainTextAsync("调研报告.pdf");
        await Assertions.Expect(phone.Locator("#case-reports .report-card")).ToHaveCountAsync(1);
        await PageChecks.AssertPlainChineseAsync(phone);
        await PageChecks.AssertFitsAsync(phone);
        await Shoot(phone, "loop-phone-zh-returned");
        await phone.EnterAsync("#field-progressPercent", "60");
        await phone.ClickAsync("[data-outcome=Submitted]");
        await Assertions.Expect(phone.Locator("#next-step")).ToHaveTextAsync("已提交报告，等待本单位签发。");

        // guangdong's lead signs off again, on a desktop; the history reads in Chinese with names.
        var desk = await fixture.NewPageAsync(1366, 768);
        await desk.SignInAsync("guangdong.lead");
        await desk.OpenTaskAsync("本单位签发", Title);
        await Assertions.Expect(desk.Locator("#report-under-review")).ToContainTextAsync("60%");
        await desk.ClickAsync("[data-outcome=Approved]");
        await Assertions.Expect(desk.Locator("#next-step")).ToHaveTextAsync("已签发，等待牵头单位审核。");
        var history = desk.Locator("#case-history");
        await Assertions.Expect(history).ToContainTextAsync("任务下达");
        await Assertions.Expect(history).ToContainTextAsync("提交进度报告（进度 40%）");
        await Assertions.Expect(history).ToContainTextAsync($"退回，理由：{Reason}");
        await Assertions.Expect(history).ToContainTextAsync("提交进度报告（进度 60%）");
        await Assertions.Expect(history).ToContainTextAsync("签发");
        await Assertions.Expect(history).ToContainTextAsync("广东省");
        await Assertions.Expect(desk.Locator("#case-reports .report-card")).ToHaveCountAsync(1);
        await PageChecks.AssertPlainChineseAsync(desk);
        await Shoot(desk, "loop-desktop-zh-history");

        // The same page in English shows English (and the phone layout holds there too).
        await desk.GotoAsync($"culture?culture=en&returnUrl={Uri.EscapeDataString(new Uri(desk.Url).AbsolutePath)}");
        await desk.WaitForInteractiveAsync();
        await Assertions.Expect(desk.Locator("#case-steps")).ToContainTextAsync("Unit sign-off");
        await Assertions.Expect(desk.Locator("#case-history")).ToContainTextAsync("reported progress (40%)");
        await Shoot(desk, "loop-desktop-en-history");
        await phone.GotoAsync($"culture?culture=en&returnUrl={Uri.EscapeDataString(new Uri(phone.Url).AbsolutePath)}");
        await phone.WaitForInteractiveAsync();
        await Assertions.Expect(phone.Locator("#case-steps")).ToContainTextAsync("Report");
        await PageChecks.AssertFitsAsync(phone);
        await Shoot(phone, "loop-phone-en-report");

        // hubei never sees any of it.
        var hubei = await fixture.NewPageAsync();
        await hubei.SignInAsync("hubei.staff");
        await hubei.WaitForInteractiveAsync();
        Assert.DoesNotContain(Title, await hubei.ContentAsync(), StringComparison.Ordinal);
    }

    private async Task Shoot(IPage page, string name)
    {
        Directory.CreateDirectory("/tmp/shots");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = $"/tmp/shots/{name}.png", FullPage = true });
        await page.ScreenshotAsync(output, name);
    }
}
