using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AiPlusTasks.Browser.Tests;

/// <summary>
/// Reassigning from the task page: an agency lead to one of the agency's staff, who then finds it under "mine"; the
/// NDRC planner to another agency, whose staff then find it while the first agency's no longer do.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReassignTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private const string Title = "改派测试 人工智能+交通";

    [BrowserFact]
    public async Task Lead_ReassignsToStaff_StaffSeesItUnderMine()
    {
        await fixture.StartGuangdongTaskAsync(Title, "browser-tests:reassign");
        var lead = await fixture.NewPageAsync();
        await lead.SignInAsync("guangdong.lead");
        await lead.OpenTaskAsync("细化落实举措", Title);

        // Only NDRC planners and supervisors move tasks between agencies: a lead gets no agency picker.
        await Assertions.Expect(lead.Locator("#reassign-user")).ToBeVisibleAsync();
        await Assertions.Expect(lead.Locator("#reassign-agency")).ToHaveCountAsync(0);

        await lead.FillAsync("#reassign-user", "guangdong.staff");
        await lead.DispatchEventAsync("#reassign-user", "change");
        await lead.ClickAsync("#reassign-button");
        await Assertions.Expect(lead.Locator("#task-message")).ToHaveTextAsync("已改派。");
        await lead.ScreenshotAsync(output, "reassigned-by-lead");

        var staff = await fixture.NewPageAsync();
        await staff.SignInAsync("guangdong.staff");
        await staff.WaitForInteractiveAsync();
        await staff.ClickAsync("[data-view=mine]");
        await Assertions.Expect(staff.Locator("[data-view=mine]")).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(staff.Locator("#inbox-list .task-title", new PageLocatorOptions { HasTextString = Title })).ToHaveCountAsync(1);
    }

    [BrowserFact]
    public async Task NdrcPlanner_MovesGuangdongTaskToHubei_HubeiSeesItAndGuangdongNoLonger()
    {
        // Arrange
        const string title = "跨单位改派测试 人工智能+物流";
        await fixture.StartGuangdongTaskAsync(title, "browser-tests:reassign-agency");
        var planner = await fixture.NewPageAsync();
        await planner.SignInAsync("ndrc.planner");
        await planner.OpenTaskAsync("细化落实举措", title);
        var taskId = planner.PathAndQuery().Split('/')[^1];
        var agency = planner.GetByLabel("改派给单位");
        await Assertions.Expect(agency).ToHaveIdAsync("reassign-agency");
        await Assertions.Expect(planner.Locator("#reassign")).ToContainTextAsync("当前承办单位: 广东省");
        await planner.AssertEveryControlNamedAsync();

        try
        {
            // Act 1: hubei with a guangdong user — the engine refuses, and the page says why.
            await planner.ChooseAgencyAsync(agency, "湖北", "湖北省");
            await planner.EnterAsync("#reassign-user", "guangdong.staff");
            await planner.ClickAsync("#reassign-button");
            var message = planner.Locator("#task-message");
            await Assertions.Expect(message).ToContainTextAsync("guangdong.staff");
            await Assertions.Expect(message).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-alert-.*error"));
            await planner.ScreenshotAsync(output, "reassign-agency-refused");

            // Act 2: hubei, no user — into hubei's pool.
            await planner.EnterAsync("#reassign-user", "");
            await planner.ClickAsync("#reassign-button");

            // Assert
            await Assertions.Expect(message).ToHaveTextAsync("已改派。");
            await Assertions.Expect(planner.Locator("#reassign")).ToContainTextAsync("当前承办单位: 湖北省");
            await Assertions.Expect(planner.Locator("#case-history")).ToContainTextAsync("改派给湖北省");
            await planner.ScreenshotAsync(output, "reassigned-to-hubei");

            var hubei = await fixture.NewPageAsync();
            await hubei.SignInAsync("hubei.staff");
            await Assertions.Expect(hubei.Locator("#inbox-list .task-title", new PageLocatorOptions { HasTextString = title })).ToHaveCountAsync(1);
            await hubei.ScreenshotAsync(output, "reassigned-hubei-inbox");

            var guangdong = await fixture.NewPageAsync();
            await guangdong.SignInAsync("guangdong.staff");
            await Assertions.Expect(guangdong.Locator("#inbox-list .task-title", new PageLocatorOptions { HasTextString = fixture.GuangdongTaskTitle })).ToHaveCountAsync(1);
            await Assertions.Expect(guangdong.Locator("#inbox-list .task-title", new PageLocatorOptions { HasTextString = title })).ToHaveCountAsync(0);
        }
        finally
        {
            // Other tests expect hubei to have no tasks at all: give this one back to guangdong.
            await fixture.ReassignAsync(taskId, "guangdong");
        }
    }
}
