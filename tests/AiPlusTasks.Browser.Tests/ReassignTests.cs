using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AiPlusTasks.Browser.Tests;

/// <summary>An agency lead reassigns a task to one of the agency's staff, who then finds it under "mine".</summary>
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
}
