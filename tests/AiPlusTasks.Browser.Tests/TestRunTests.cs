using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AiPlusTasks.Browser.Tests;

/// <summary>
/// Test run (试运行) in the designer: the planner runs a seeded workflow's draft in memory, steps through its waits, sees
/// the path lit on the canvas and the journal, and no instance is created.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TestRunTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [BrowserFact]
    public async Task Planner_TestRunsReportReminder_LetsTheDeadlinePass_SeesThePathLitAndNoInstance()
    {
        // Arrange
        var instancesBefore = await CountInstancesAsync();
        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(1366, 768);
        await page.SignInAsync("ndrc.planner");
        await page.GotoAsync("designer/report-reminder");
        await page.WaitForInteractiveAsync();

        // Act: open the panel, run with the inputs' samples, let the deadline pass
        await page.ClickAsync("#test-run-open");
        await Assertions.Expect(page.Locator("#test-run-input-reportWindow")).ToHaveValueAsync("P10D");
        await page.ClickAsync("#test-run-start");
        await Assertions.Expect(page.Locator("#test-run-status")).ToHaveAttributeAsync("data-status", "Suspended");
        await Assertions.Expect(page.Locator(".test-run-wait")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator(".test-run-wait[data-kind=Event]")).ToContainTextAsync("等待事件「progress-report-submitted」");
        await Assertions.Expect(page.Locator("g.canvas-node[data-node=deadline1]")).ToHaveAttributeAsync("data-state", "Waiting");
        await page.ScreenshotAsync(output, "test-run-waiting-zh");

        await page.Locator(".test-run-wait[data-kind=Timer] .test-run-pass").ClickAsync();

        // Assert: finished on the deadline branch, lit on the canvas, in the journal by name, and nothing stored
        await Assertions.Expect(page.Locator("#test-run-status")).ToHaveAttributeAsync("data-status", "Finished");
        await Assertions.Expect(page.Locator("#test-run-clock")).ToContainTextAsync("2026-12-25 08:00");
        await Assertions.Expect(page.Locator("g.canvas-node[data-node=overdue1]")).ToHaveAttributeAsync("data-state", "Executed");
        await Assertions.Expect(page.Locator("path.canvas-link.taken[data-link='deadline1:Done->overdue1']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("g.canvas-node[data-node=received1]")).Not.ToHaveAttributeAsync("data-state", "Executed");
        var overdue = page.Locator("#test-run-journal .test-run-entry[data-activity=overdue1][data-event=Completed]");
        await Assertions.Expect(overdue).ToContainTextAsync("逾期提醒");
        await Assertions.Expect(overdue).ToContainTextAsync("进度报告逾期，已提醒");
        await Assertions.Expect(page.Locator("#test-run-journal .test-run-entry[data-activity=report1][data-event=Cancelled]")).ToContainTextAsync("已取消");
        await page.ScreenshotAsync(output, "test-run-finished-zh");
        await page.SetViewportSizeAsync(390, 844);
        await Assertions.Expect(page.Locator("#test-run-panel")).ToBeInViewportAsync(new LocatorAssertionsToBeInViewportOptions { Ratio = 0.01f });
        await page.ScreenshotAsync(output, "test-run-finished-zh-390");
        await PanelScreenshotAsync(page, "test-run-finished-zh-390-panel");
        Assert.Equal(instancesBefore, await CountInstancesAsync());

        // Closing the panel puts the canvas back to plain editing.
        await page.ClickAsync("#test-run-close");
        await Assertions.Expect(page.Locator("#test-run-panel")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("g.canvas-node[data-state]")).ToHaveCountAsync(0);
    }

    [BrowserFact]
    public async Task Planner_TestRunsCarryOverDecisionInEnglishOnAPhone_CompletesTheTaskWithSampleData()
    {
        // Arrange
        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await page.SignInAsync("ndrc.planner");
        await page.GotoAsync("culture?culture=en&returnUrl=%2Fdesigner%2Fcarry-over-decision");
        await page.WaitForAddressAsync("/designer/carry-over-decision");
        await page.WaitForInteractiveAsync();

        // Act
        await page.ClickAsync("#test-run-open");
        await page.ClickAsync("#test-run-start");
        var task = page.Locator(".test-run-wait[data-kind=HumanTask]");
        await Assertions.Expect(task).ToContainTextAsync("Ministry of Industry and Information Technology");
        await Assertions.Expect(task.Locator("[data-field=reason] input, [data-field=reason] textarea")).ToHaveValueAsync("Test-run sample: 理由");
        await page.ScreenshotAsync(output, "test-run-task-en-390");
        await PanelScreenshotAsync(page, "test-run-task-en-390-panel");
        await task.Locator(".test-run-complete[data-outcome=Continue]").ClickAsync();

        // Assert
        await Assertions.Expect(page.Locator("#test-run-status")).ToHaveAttributeAsync("data-status", "Finished");
        await Assertions.Expect(page.Locator("#test-run-output [data-output=decision]")).ToContainTextAsync("continue");
        await Assertions.Expect(page.Locator("#test-run-journal .test-run-entry[data-activity=decide1][data-event=Completed]")).ToContainTextAsync("→ Continue");
        await Assertions.Expect(page.Locator("#test-run-journal .test-run-effect[data-kind=TaskCreated]")).ToContainTextAsync("Would issue the task");
        await page.ScreenshotAsync(output, "test-run-finished-en-390");
        await PanelScreenshotAsync(page, "test-run-finished-en-390-panel");
        await page.SetViewportSizeAsync(1366, 768);
        await page.ScreenshotAsync(output, "test-run-finished-en");

        // The same task in Chinese: its outcomes are named in Chinese, its agency by its Chinese name.
        await page.GotoAsync("culture?culture=zh-CN&returnUrl=%2Fdesigner%2Fcarry-over-decision");
        await page.WaitForAddressAsync("/designer/carry-over-decision");
        await page.WaitForInteractiveAsync();
        await page.ClickAsync("#test-run-open");
        await page.ClickAsync("#test-run-start");
        await Assertions.Expect(task).ToContainTextAsync("工业和信息化部");
        await Assertions.Expect(task.Locator(".test-run-complete[data-outcome=Reassign]")).ToHaveTextAsync("完成任务：改派");
        await page.ScreenshotAsync(output, "test-run-task-zh");
    }

    /// <summary>The test-run panel alone, at the page's resolution (a phone's full page is too tall to read).</summary>
    private async Task PanelScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Ui.ScreenshotFolder);
        var path = Path.Combine(Ui.ScreenshotFolder, name + ".png");
        await page.Locator("#test-run-panel").ScreenshotAsync(new LocatorScreenshotOptions { Path = path });
        output.WriteLine($"screenshot: {path}");
    }

    private async Task<int> CountInstancesAsync()
    {
        using var http = new HttpClient { BaseAddress = fixture.Host.Address };
        var token = await http.PostAsJsonAsync("/api/auth/token", new { username = "ndrc.planner", password = BrowserHost.Password });
        token.EnsureSuccessStatusCode();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await token.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>());
        var page = await http.GetFromJsonAsync<JsonObject>("/api/workflow-instances");
        return page!["totalCount"]!.GetValue<int>();
    }
}
