using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AiPlusTasks.Browser.Tests;

/// <summary>A planner follows a task to its workflow instance, drawn on the designer's canvas with where it waits, and to a definition's version history.</summary>
[Collection(BrowserCollection.Name)]
public sealed class InstanceViewerTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [BrowserFact]
    public async Task Planner_FromTaskPage_SeesTheInstanceWaitingOnTheCanvas()
    {
        // Arrange
        var page = await fixture.NewPageAsync(1366, 768);
        await page.SignInAsync("ndrc.planner");
        await page.WaitForInteractiveAsync();
        await page.OpenTaskAsync(fixture.GuangdongTaskTitle);

        // Act
        await page.Locator("#view-diagram").ClickAsync();

        // Assert: the task's activity waits (a bookmark), what ran before it is marked executed, and the journal is listed.
        await page.WaitForAddressAsync("/designer/instances/");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.Locator("g.canvas-node[data-state=Waiting]").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("g.canvas-node[data-state=Executed]").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#instance-journal .journal-row").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#instance-bookmarks")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#instance-status")).ToContainTextAsync("等待中");

        // The whole flowchart is fitted into the canvas, texts inside their boxes, the state labels above them not cut off.
        await page.WaitForFunctionAsync($"() => ({DesignerCanvasFitTests.NodesOutside})().length === 0");
        Assert.Empty(await page.EvaluateAsync<string[]>(DesignerCanvasFitTests.TextsOverflowing));
        var labelsShown = await page.EvaluateAsync<bool>("""
            () => { const c = document.querySelector('#designer-canvas').getBoundingClientRect();
                    return [...document.querySelectorAll('#designer-canvas .node-state')].every(t => t.getBoundingClientRect().top >= c.top); }
            """);
        Assert.True(labelsShown, "a run-state label above a node is cut off at the canvas's top");
        await page.ScreenshotAsync(output, "instance-viewer");
    }

    [BrowserFact]
    public async Task Planner_OpensVersionHistory_SeesTheVersionsOfADefinition()
    {
        var page = await fixture.NewPageAsync();
        await page.SignInAsync("ndrc.planner");
        await page.GotoAsync("designer/province-task/versions");
        await page.WaitForInteractiveAsync();

        await Assertions.Expect(page.Locator("#version-list")).ToContainTextAsync("v1");
        await Assertions.Expect(page.Locator("#versions-error")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(output, "designer-versions");
    }

    [BrowserFact]
    public async Task AgencyStaff_InstanceViewer_IsForbidden()
    {
        var page = await fixture.NewPageAsync();
        await page.SignInAsync("guangdong.staff");

        await page.GotoAsync("designer/instances/anything");

        Assert.StartsWith("/forbidden", page.PathAndQuery(), StringComparison.Ordinal);
    }
}
