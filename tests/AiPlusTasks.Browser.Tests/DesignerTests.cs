using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AiPlusTasks.Browser.Tests;

/// <summary>The workflow designer in Chromium: a planner draws, fills in and publishes a flowchart; an agency then gets its task.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DesignerTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private const string TaskTitle = "设计器浏览器测试 数据报送";

    [BrowserFact]
    public async Task Planner_DrawsAndPublishesAWorkflow_AndGuangdongGetsItsTask()
    {
        var page = await fixture.NewPageAsync();
        await page.SignInAsync("ndrc.planner");
        await page.GotoAsync("designer");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.Locator("#nav-designer")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#definition-list")).ToContainTextAsync("hello-world");

        await page.FillAsync("#new-workflow-name", "Designer browser flow");
        await page.ClickAsync("#create-workflow");
        await page.WaitForAddressAsync("/designer/designer-browser-flow");
        await Assertions.Expect(page.Locator("g.canvas-node[data-node=start1]")).ToBeVisibleAsync();

        await page.Locator("#designer-palette [data-type='AiPlus.HumanTask']").PressAsync("Enter");
        await Assertions.Expect(page.Locator("g.canvas-node[data-node=humanTask1]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#designer-properties")).ToHaveAttributeAsync("data-node", "humanTask1");

        // The new task is not reachable and has no title or agency yet: the validation panel says so, and its entries select the node.
        await Assertions.Expect(page.Locator(".designer-problem[data-activity=humanTask1]").First).ToBeVisibleAsync();
        await page.Locator("g.canvas-node[data-node=start1] .node-text").ClickAsync();
        await Assertions.Expect(page.Locator("#designer-properties")).ToHaveAttributeAsync("data-node", "start1");
        await page.Locator(".designer-problem[data-activity=humanTask1] a").First.ClickAsync();
        await Assertions.Expect(page.Locator("#designer-properties")).ToHaveAttributeAsync("data-node", "humanTask1");

        // Unfinished work can be saved as a draft; only publishing needs a definition without problems.
        await page.ClickAsync("#save-draft");
        await Assertions.Expect(page.Locator("#designer-message")).ToContainTextAsync("已保存草稿 v1，还有");

        // A palette item dragged onto the canvas lands where it is dropped; Delete removes it again.
        await page.Locator("#designer-palette [data-type='Elsa.Delay']").DragToAsync(
            page.Locator("#designer-canvas"), new LocatorDragToOptions { TargetPosition = new TargetPosition { X = 300, Y = 300 } });
        await Assertions.Expect(page.Locator("g.canvas-node[data-node=delay1]")).ToHaveAttributeAsync("transform", "translate(260 260)");

        // A node dragged out of the canvas and back keeps moving (the canvas captures the pointer): it lands where it is released.
        var delay = (await page.Locator("g.canvas-node[data-node=delay1] .node-box").BoundingBoxAsync())!;
        var canvas = (await page.Locator("#designer-canvas").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(delay.X + 20, delay.Y + 20);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(canvas.X - 40, delay.Y + 20, new MouseMoveOptions { Steps = 8 });
        await page.Mouse.MoveAsync(delay.X + 120, delay.Y + 70, new MouseMoveOptions { Steps = 8 });
        await page.Mouse.UpAsync();
        await Assertions.Expect(page.Locator("g.canvas-node[data-node=delay1]")).ToHaveAttributeAsync("transform", "translate(360 310)");
        await page.Keyboard.PressAsync("Delete");
        await Assertions.Expect(page.Locator("g.canvas-node[data-node=delay1]")).ToHaveCountAsync(0);

        await DragAsync(page, page.Locator("g.canvas-node[data-node=start1] circle[data-port=Done]"), page.Locator("g.canvas-node[data-node=humanTask1] .node-box"));
        await Assertions.Expect(page.Locator("[data-link='start1:Done->humanTask1']")).ToHaveCountAsync(1);

        await page.Locator("g.canvas-node[data-node=humanTask1] .node-text").ClickAsync();
        await page.EnterAsync("#input-title", TaskTitle);
        await page.SelectOptionAsync("#input-assigneeAgency", "guangdong");
        await Assertions.Expect(page.Locator(".designer-problem")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(output, "designer-drawn");

        await page.ClickAsync("#publish");
        await Assertions.Expect(page.Locator("#designer-message")).ToContainTextAsync("已发布 v1");

        // The planner starts an instance from the editor: bad JSON input is refused with its line, an empty object starts it.
        await page.ClickAsync("#start-instance");
        await page.FillAsync("#start-input-json", "{\n  \"note\": oops\n}");
        await page.ClickAsync("#start-instance-submit");
        await Assertions.Expect(page.Locator(".start-input-error")).ToContainTextAsync("第 2 行");
        await page.FillAsync("#start-input-json", "{}");
        await page.ClickAsync("#start-instance-submit");
        await Assertions.Expect(page.Locator("#started-instance")).ToBeVisibleAsync();
        await page.ScreenshotAsync(output, "designer-instance-started");
        await page.ClickAsync("#started-instance");
        await Assertions.Expect(page.Locator("#instance-viewer")).ToHaveAttributeAsync("data-status", "Suspended");

        var staff = await fixture.NewPageAsync();
        await staff.SignInAsync("guangdong.staff");
        await staff.GotoAsync("inbox");
        await staff.WaitForInteractiveAsync();
        await Assertions.Expect(staff.Locator("#inbox-list .task-title", new PageLocatorOptions { HasTextString = TaskTitle })).ToHaveCountAsync(1);
        await staff.ScreenshotAsync(output, "designer-task-in-inbox");
    }

    [BrowserFact]
    public async Task Planner_ImportsBadJson_SeesTheLine_AndExportsAWorkflow()
    {
        var page = await fixture.NewPageAsync();
        await page.SignInAsync("ndrc.planner");
        await page.GotoAsync("designer");
        await page.WaitForInteractiveAsync();

        await page.ClickAsync("#show-import");
        await page.FillAsync("#import-json", "{\n  \"id\": \"x\",\n  oops\n}");
        await page.ClickAsync("#import-workflow");
        await Assertions.Expect(page.Locator("#designer-error")).ToContainTextAsync("line 3");

        await page.Locator("#definition-list tr", new PageLocatorOptions { HasTextString = "hello-world" }).Locator(".export-json").ClickAsync();
        await Assertions.Expect(page.Locator("#export-json")).ToContainTextAsync("\"definitionId\": \"hello-world\"");
        await Assertions.Expect(page.Locator("#download-json")).ToHaveAttributeAsync("download", "hello-world.json");
        await page.ScreenshotAsync(output, "designer-list");
    }

    [BrowserFact]
    public async Task Planner_AddsAJointReview_FillsReviewersAsRows_AndCountFollowsTheMode()
    {
        var page = await fixture.NewPageAsync(1366, 768);
        await page.SignInAsync("ndrc.planner");
        await page.GotoAsync("designer");
        await page.WaitForInteractiveAsync();
        await page.FillAsync("#new-workflow-name", "Joint review browser flow");
        await page.ClickAsync("#create-workflow");
        await page.WaitForAddressAsync("/designer/joint-review-browser-flow");

        var item = page.Locator("#designer-palette [data-group=tasks] [data-type='AiPlus.Review']");
        await Assertions.Expect(item).ToHaveTextAsync("会签/或签审核");
        await item.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#designer-properties")).ToHaveAttributeAsync("data-node", "review1");
        await Assertions.Expect(page.Locator("label[for=input-mode]")).ToHaveTextAsync("会签方式");
        await Assertions.Expect(page.Locator("[data-input=count]")).ToBeHiddenAsync();

        await page.ClickAsync("#reviewer-add");
        await page.SelectOptionAsync("#reviewer-agency-0", "miit");
        await page.ClickAsync("#reviewer-add");
        await page.SelectOptionAsync("#reviewer-agency-1", "most");
        await page.SelectOptionAsync("#reviewer-role-1", "");
        await page.SelectOptionAsync("#input-mode", "atLeast");
        await Assertions.Expect(page.Locator("[data-input=count]")).ToBeVisibleAsync();
        await page.EnterAsync("#input-count", "2");
        await Assertions.Expect(page.Locator(".reviewer-row")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#reviewer-agency-1 option:checked")).ToHaveTextAsync("科学技术部");
        await Assertions.Expect(page.Locator("#reviewer-role-1 option:checked")).ToHaveTextAsync("任何人");
        await page.Locator("[data-input=reviewers]").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(output, "designer-review-zh");

        await page.ClickAsync("#save-draft");
        await Assertions.Expect(page.Locator("#designer-message")).ToContainTextAsync("已保存草稿 v1");
        await page.GotoAsync($"culture?culture=en&returnUrl={Uri.EscapeDataString(new Uri(page.Url).AbsolutePath)}");
        await page.WaitForInteractiveAsync();
        await page.Locator("g.canvas-node[data-node=review1] .node-text").ClickAsync();
        await Assertions.Expect(page.Locator(".reviewer-row")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#input-mode option:checked")).ToHaveTextAsync("At least N approvals");
        await Assertions.Expect(page.Locator("#input-count")).ToHaveValueAsync("2");
        await page.ScreenshotAsync(output, "designer-review-en");
    }

    [BrowserFact]
    public async Task AgencyStaff_VisitingTheDesigner_IsForbidden()
    {
        var page = await fixture.NewPageAsync();
        await page.SignInAsync("guangdong.staff");

        await page.GotoAsync("designer");

        await Assertions.Expect(page.Locator("#forbidden")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#nav-designer")).ToHaveCountAsync(0);
    }

    private static async Task DragAsync(IPage page, ILocator from, ILocator to)
    {
        var start = (await from.BoundingBoxAsync())!;
        var end = (await to.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(start.X + (start.Width / 2), start.Y + (start.Height / 2));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(end.X + (end.Width / 2), end.Y + (end.Height / 2), new MouseMoveOptions { Steps = 8 });
        await page.Mouse.UpAsync();
    }
}
