using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AiPlusTasks.Browser.Tests;

/// <summary>The inbox in Chromium: what each agency sees, in Chinese by default and in English on request.</summary>
[Collection(BrowserCollection.Name)]
public sealed class InboxTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private static readonly (string View, string Chinese, string English)[] Views =
    [
        ("open", "全部待办", "All open"), ("mine", "我的", "Mine"), ("unclaimed", "未认领", "Unclaimed"), ("due-soon", "即将到期", "Due soon"),
        ("overdue", "已逾期", "Overdue"), ("escalated", "已升级", "Escalated"), ("returned", "被退回", "Returned"), ("completed", "已完成", "Completed"),
    ];

    [BrowserFact]
    public async Task SignIn_GuangdongStaff_SeesChineseInboxWithItsTask()
    {
        // Arrange
        var page = await fixture.NewPageAsync();

        // Act
        await page.SignInAsync("guangdong.staff");

        // Assert
        Assert.Equal("/inbox", page.PathAndQuery());
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("任务收件箱");
        await Assertions.Expect(page.Locator("#signed-in-user")).ToHaveTextAsync("广东省 工作人员");
        foreach (var (view, chinese, _) in Views)
        {
            await Assertions.Expect(page.Locator($"[data-view={view}]")).ToContainTextAsync(chinese);
        }

        // The review scenario (another test) may have given guangdong more tasks: look for the fixture's one.
        var title = page.Locator("#inbox-list .task-title", new PageLocatorOptions { HasTextString = fixture.GuangdongTaskTitle });
        await Assertions.Expect(title).ToHaveTextAsync(fixture.GuangdongTaskTitle);
        Assert.StartsWith("tasks/", await title.GetAttributeAsync("href"), StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#inbox-empty")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(output, "inbox-guangdong-zh");
    }

    [BrowserFact]
    public async Task OpenInbox_TaskIssuedMeanwhile_ShowsUpWithoutAReload()
    {
        // Arrange
        var page = await fixture.NewPageAsync();
        await page.SignInAsync("guangdong.staff");
        await page.WaitForInteractiveAsync();
        const string title = "推送测试 新任务 pushed while open";
        await Assertions.Expect(page.Locator("#inbox-list .task-title", new PageLocatorOptions { HasTextString = title })).ToHaveCountAsync(0);

        // Act: the workflow issues a guangdong task while the inbox is open.
        await fixture.StartGuangdongTaskAsync(title, "browser-tests:pushed");

        // Assert: the engine's event reaches the open circuit, well before the 30 s fallback reload would.
        await Assertions.Expect(page.Locator("#inbox-list .task-title", new PageLocatorOptions { HasTextString = title }))
            .ToHaveCountAsync(1, new LocatorAssertionsToHaveCountOptions { Timeout = 10_000 });
        await page.ScreenshotAsync(output, "inbox-pushed");
    }

    [BrowserFact]
    public async Task OpenInbox_AFullPageOfLongChineseTitles_BecomesInteractive()
    {
        // Arrange: a full page (50) of tasks with long titles. The prerendered page is handed to the circuit as state the
        // browser sends back over the hub; with SignalR's 32 KB default the circuit was closed at start and the inbox
        // never became interactive (found by the ui-inbox bench, not by the smaller inboxes of the other tests).
        for (var i = 0; i < 50; i++)
        {
            await fixture.StartProvinceTaskAsync("hunan", $"第{i:00}项 人工智能+制造业重点任务：推进大模型在工业质检、排产调度与设备预测性维护中的规模化应用 {i}", $"browser-tests:full-page:{i}");
        }

        var page = await fixture.NewPageAsync();

        // Act
        await page.SignInAsync("hunan.staff");

        // Assert
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.Locator("#inbox-list .task-title")).ToHaveCountAsync(50);
        await page.Locator("[data-view=unclaimed]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-view=unclaimed]")).ToHaveAttributeAsync("aria-pressed", "true");
    }

    [BrowserFact]
    public async Task SignIn_HubeiStaff_NeverSeesGuangdongsTaskInAnyView()
    {
        // Arrange
        var page = await fixture.NewPageAsync();

        // Act
        await page.SignInAsync("hubei.staff");
        await page.WaitForInteractiveAsync();

        // Assert: every view (switched in the interactive circuit) holds exactly hubei's own tasks (other browser tests
        // may have given hubei some: a rolled plan's key tasks reach every province), never guangdong's.
        await Assertions.Expect(page.Locator("#signed-in-user")).ToHaveTextAsync("湖北省 工作人员");
        using var hubei = await fixture.ApiClientAsync("hubei.staff");
        foreach (var (view, _, _) in Views)
        {
            var own = (await hubei.GetFromJsonAsync<JsonObject>($"/api/tasks?view={view}&pageSize=1"))!["totalCount"]!.GetValue<int>();
            var button = page.Locator($"[data-view={view}]");
            await button.ClickAsync();
            await Assertions.Expect(button).ToHaveAttributeAsync("aria-pressed", "true");
            await Assertions.Expect(button).ToContainTextAsync($"({own})");
            await Assertions.Expect(page.Locator("#inbox-list .task-title").Filter(new LocatorFilterOptions { HasTextString = fixture.GuangdongTaskTitle })).ToHaveCountAsync(0);
            if (own == 0)
            {
                await Assertions.Expect(page.Locator("#inbox-empty")).ToBeVisibleAsync();
            }
        }

        Assert.DoesNotContain(fixture.GuangdongTaskTitle, await page.ContentAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(output, "inbox-hubei");
    }

    [BrowserFact]
    public async Task LanguageSwitch_ClickedTwice_TurnsTheInboxEnglishAndBackToChinese()
    {
        // Arrange
        var page = await fixture.NewPageAsync();
        await page.SignInAsync("guangdong.staff");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("任务收件箱");

        // Act
        await page.ClickAsync("#language-switch");

        // Assert (the switch goes through /culture and back to the same page: the heading says when it is back)
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Task inbox");
        Assert.Equal("/inbox", page.PathAndQuery());
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        foreach (var (view, _, english) in Views)
        {
            await Assertions.Expect(page.Locator($"[data-view={view}]")).ToContainTextAsync(english);
        }

        await Assertions.Expect(page.Locator("#inbox-list .task-title", new PageLocatorOptions { HasTextString = fixture.GuangdongTaskTitleEn })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#inbox-list .task-agency").First).ToHaveTextAsync("Guangdong Province");
        await Assertions.Expect(page.Locator("#language-switch")).ToHaveTextAsync("中文");
        await page.ScreenshotAsync(output, "inbox-guangdong-en");

        await page.ClickAsync("#language-switch");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("任务收件箱");
        Assert.Equal("/inbox", page.PathAndQuery());
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Assertions.Expect(page.Locator("[data-view=open]")).ToContainTextAsync("全部待办");
        await Assertions.Expect(page.Locator("#language-switch")).ToHaveTextAsync("English");
    }
}
