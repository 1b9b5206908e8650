using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AiPlusTasks.Browser.Tests;

/// <summary>
/// A province task's review cycle in Chromium, as the people do it: guangdong refines and reports progress with a file,
/// miit's lead returns it with a reason, guangdong sees the reason and resubmits, miit approves; hubei never sees it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReviewScenarioTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private const string Title = "审核流程 人工智能+政务服务";

    [BrowserFact]
    public async Task ReviewCycle_ReportWithFile_ReturnedWithReason_Resubmitted_Approved()
    {
        await fixture.StartGuangdongTaskAsync(Title, "browser-tests:review");
        var guangdong = await fixture.NewPageAsync();
        await guangdong.SignInAsync("guangdong.staff");

        // guangdong refines the measures.
        await guangdong.OpenTaskAsync("细化落实举措", Title);
        await guangdong.EnterAsync("#field-measures", "建设政务服务大模型，接入12345热线");
        await guangdong.ClickAsync("[data-outcome=Submitted]");
        await Assertions.Expect(guangdong.Locator("#task-message")).ToHaveTextAsync("已提交。");

        // guangdong reports progress with a file, then submits the period's report.
        await guangdong.OpenTaskAsync("进度填报", Title);
        await guangdong.EnterAsync("#report-done", "完成需求调研和数据治理");
        await guangdong.SetInputFilesAsync("#report-evidence", new FilePayload
        {
            Name = "调研报告.pdf",
            MimeType = "application/pdf",
            Buffer = [.. Enumerable.Range(0, 300 * 1024).Select(i => (byte)(i % 251))],
        });
        await Assertions.Expect(guangdong.Locator(".evidence-file")).ToContainTextAsync("调研报告.pdf");
        await guangdong.ClickAsync("#submit-report");
        await Assertions.Expect(guangdong.Locator("#task-message")).ToHaveTextAsync("进度报告已提交。");
        await guangdong.EnterAsync("#field-progressPercent", "40");
        await guangdong.ClickAsync("[data-outcome=Submitted]");
        await Assertions.Expect(guangdong.Locator("#task-message")).ToHaveTextAsync("已提交。");
        await guangdong.ScreenshotAsync(output, "review-1-guangdong-submitted");

        // miit's lead returns it with a reason.
        var miit = await fixture.NewPageAsync();
        await miit.SignInAsync("miit.lead");
        await miit.OpenTaskAsync("审核进度报告", Title);
        await miit.EnterAsync("#field-reason", "请补充数据治理的佐证材料");
        await miit.ClickAsync("[data-outcome=Returned]");
        await Assertions.Expect(miit.Locator("#task-message")).ToHaveTextAsync("已提交。");
        await miit.ScreenshotAsync(output, "review-2-miit-returned");

        // guangdong sees the reason and resubmits.
        await guangdong.OpenTaskAsync("进度填报", Title);
        await Assertions.Expect(guangdong.Locator("#return-reason")).ToContainTextAsync("请补充数据治理的佐证材料");
        await guangdong.ScreenshotAsync(output, "review-3-guangdong-returned");
        await guangdong.EnterAsync("#field-progressPercent", "60");
        await guangdong.ClickAsync("[data-outcome=Submitted]");
        await Assertions.Expect(guangdong.Locator("#task-message")).ToHaveTextAsync("已提交。");

        // miit approves.
        await miit.OpenTaskAsync("审核进度报告", Title);
        await miit.ClickAsync("[data-outcome=Approved]");
        await Assertions.Expect(miit.Locator("#task-message")).ToHaveTextAsync("已提交。");
        await Assertions.Expect(miit.Locator("#task-state")).ToHaveTextAsync("已完成");
        await miit.ScreenshotAsync(output, "review-4-miit-approved");

        // hubei never sees any of it.
        var hubei = await fixture.NewPageAsync();
        await hubei.SignInAsync("hubei.staff");
        await hubei.WaitForInteractiveAsync();
        await hubei.ClickAsync("[data-view=completed]");
        await Assertions.Expect(hubei.Locator("[data-view=completed]")).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.DoesNotContain(Title, await hubei.ContentAsync(), StringComparison.Ordinal);
    }
}
