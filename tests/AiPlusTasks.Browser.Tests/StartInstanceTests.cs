using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AiPlusTasks.Browser.Tests;

/// <summary>
/// An NDRC planner starts a national key task from the designer with pickers (agencies by name, the plan, a date on
/// China's clock, a pillar from the catalog), finds it in the definition's instances list with its filters, and follows
/// it to the instance viewer, which names the agencies the work went to with their progress.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StartInstanceTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [BrowserFact]
    public async Task Planner_StartsKeyTaskWithPickers_FindsItInTheListAndSeesTheAgenciesItWentTo()
    {
        // Arrange: a title no other test uses (the host is shared).
        var title = "人工智能+医疗 影像辅助诊断试点" + Random.Shared.Next(1000, 9999);
        var page = await fixture.NewPageAsync(1366, 768);
        await page.SignInAsync("ndrc.planner");
        await page.GotoAsync("designer/national-key-task");
        await page.WaitForInteractiveAsync();

        // Act: the start form, every choice made by name.
        await page.ClickAsync("#start-instance");
        await page.FillAsync("#start-input-title", title);
        await page.SelectOptionAsync("#start-input-pillar", new SelectOptionValue { Label = "推进工业全要素智能化发展（人工智能+制造）" });
        await page.SelectOptionAsync("#start-input-leadAgency", new SelectOptionValue { Label = "工业和信息化部" });
        await ChooseAsync(page, "coAgencies", "科学技术", "科学技术部");
        await Assertions.Expect(page.Locator("#start-input-provinces-all")).ToBeCheckedAsync();
        await page.Locator("#start-input-provinces-all").UncheckAsync();
        await ChooseAsync(page, "provinces", "广东", "广东省");
        await ChooseAsync(page, "provinces", "湖北", "湖北省");
        await page.FillAsync("#start-input-dueAt", "2027-07-01T00:00");
        await Assertions.Expect(page.Locator("#start-input-dueAt-meaning")).ToHaveTextAsync("即 2027年6月30日 24:00（北京时间）");
        await page.SelectOptionAsync("#start-input-planId", new SelectOptionValue { Label = "人工智能+ 行动 2025–2027" });
        await page.SelectOptionAsync("#start-input-dayCount", new SelectOptionValue { Label = "按工作日" });
        await Assertions.Expect(page.Locator("#start-input-coAgencies-chosen")).ToContainTextAsync("科学技术部");
        await page.AssertPlainChineseAsync("#start-instance-panel");
        await page.ScreenshotAsync(output, "start-form-pickers");
        await page.ClickAsync("#start-instance-submit");
        await Assertions.Expect(page.Locator("#started-instance")).ToBeVisibleAsync();
        var instanceId = (await page.Locator("#started-instance").TextContentAsync())!.Trim();

        // Assert: the API holds the codes and the UTC instant the pickers stand for; MIIT has the task to refine.
        using var planner = await fixture.ApiClientAsync("ndrc.planner");
        var started = (await planner.GetFromJsonAsync<JsonObject>($"/api/workflow-instances/{instanceId}"))!;
        var input = started["input"]!.AsObject();
        Assert.Equal("miit", input["leadAgency"]!.GetValue<string>());
        Assert.Equal(["most"], input["coAgencies"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal(["guangdong", "hubei"], input["provinces"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal("2027-06-30T16:00:00Z", input["dueAt"]!.GetValue<string>());
        Assert.Equal("ai-plus-2025-2027", input["planId"]!.GetValue<string>());
        Assert.Equal("action.industry.manufacturing", input["pillar"]!.GetValue<string>());
        Assert.Equal("working", input["dayCount"]!.GetValue<string>());
        Assert.Equal(title, input["title"]!.GetValue<string>());

        // The work goes on through the API: MOST contributes, MIIT refines, the provinces get theirs, guangdong reports 40%.
        await CompleteAsync("most.staff", title, "contribution", new JsonObject { ["measures"] = "科技部承担部分" });
        await CompleteAsync("miit.staff", title, "task", new JsonObject { ["measures"] = "以中试基地为抓手" });
        await CompleteAsync("guangdong.staff", title, "task", new JsonObject { ["measures"] = "广州、深圳先行" });
        using (var guangdong = await fixture.ApiClientAsync("guangdong.staff"))
        {
            var report = await OpenTaskAsync(guangdong, title, "report");
            var reported = await guangdong.PostAsJsonAsync($"/api/tasks/{report}/progress-reports", new { done = "完成 2 个试点", progressPercent = 40, selfColour = "Green", confidence = 7 });
            reported.EnsureSuccessStatusCode();
        }

        // The definition's instances: found by its title, kept by the status it has, gone under another.
        await page.GotoAsync("designer/national-key-task/instances");
        await page.WaitForInteractiveAsync();
        await page.FillAsync("#instances-search", "影像辅助诊断");
        await page.DispatchEventAsync("#instances-search", "change");
        var row = page.Locator($"#instance-list .instance-row[data-instance='{instanceId}']");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("等待中");
        await Assertions.Expect(row).ToContainTextAsync("国家发展和改革委员会 规划人员");
        await page.SelectOptionAsync("#instances-status", "Suspended");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await page.SelectOptionAsync("#instances-version", "1");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await page.AssertPlainChineseAsync();
        await page.ScreenshotAsync(output, "instances-list");
        await page.SelectOptionAsync("#instances-status", "Finished");
        await Assertions.Expect(row).ToHaveCountAsync(0);
        await page.SelectOptionAsync("#instances-status", "Suspended");

        // The viewer names the agencies with their status and progress, and what the instance waits for in words.
        await row.Locator(".instance-link").ClickAsync();
        await page.WaitForAddressAsync($"/designer/instances/{instanceId}");
        await page.WaitForInteractiveAsync();
        var children = page.Locator("#instance-children");
        await Assertions.Expect(children.Locator(".child-row")).ToHaveCountAsync(3);
        await Assertions.Expect(children.Locator(".child-row[data-agency=guangdong]")).ToContainTextAsync("广东省");
        await Assertions.Expect(children.Locator(".child-row[data-agency=guangdong]")).ToContainTextAsync("已报进度 40%");
        await Assertions.Expect(children.Locator(".child-row[data-agency=hubei]")).ToContainTextAsync("湖北省");
        await Assertions.Expect(children.Locator(".child-row[data-agency=hubei]")).ToContainTextAsync("待办，绿灯");
        await Assertions.Expect(children.Locator(".child-row[data-agency=most]")).ToContainTextAsync("科学技术部");
        await Assertions.Expect(children).ToContainTextAsync("各省级单位：2 个单位，已完成 0 个");
        await Assertions.Expect(page.Locator("#instance-bookmarks")).ToContainTextAsync("各省级单位 · 等待 2 个子流程完成");
        await page.AssertPlainChineseAsync("#instance-children");
        await page.AssertPlainChineseAsync("#instance-bookmarks");
        await page.ScreenshotAsync(output, "instance-viewer-children");

        // The same in English.
        await page.GotoAsync($"culture?culture=en&returnUrl={Uri.EscapeDataString($"/designer/instances/{instanceId}")}");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.Locator("#instance-children .child-row[data-agency=guangdong]")).ToContainTextAsync("Guangdong");
        await Assertions.Expect(page.Locator("#instance-children .child-row[data-agency=guangdong]")).ToContainTextAsync("Reported 40%");
        await page.ScreenshotAsync(output, "instance-viewer-children-en");
        await page.GotoAsync("designer/national-key-task/instances");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.Locator("#instances-title")).ToContainTextAsync("Instances of");
        await page.ScreenshotAsync(output, "instances-list-en");
        await page.GotoAsync("designer/national-key-task");
        await page.WaitForInteractiveAsync();
        await page.ClickAsync("#start-instance");
        await Assertions.Expect(page.Locator("#start-instance-panel")).ToContainTextAsync("All province-level units");
        await page.ScreenshotAsync(output, "start-form-pickers-en");
    }

    [BrowserFact]
    public async Task Planner_OnAPhone_StartFormAndInstancesListFitTheScreen()
    {
        using (var planner = await fixture.ApiClientAsync("ndrc.planner"))
        {
            var start = await planner.PostAsJsonAsync("/api/workflow-instances", new
            {
                definitionId = "national-key-task",
                input = new JsonObject { ["title"] = "人工智能+交通 车路协同试点", ["leadAgency"] = "mot", ["provinces"] = new JsonArray("hubei") },
            });
            start.EnsureSuccessStatusCode();
        }

        var page = await fixture.NewPageAsync(390, 844);
        await page.SignInAsync("ndrc.planner");
        await page.GotoAsync("designer/national-key-task/instances");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.Locator("#instance-list .instance-row").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(output, "instances-list-390");
        await page.AssertFitsAsync();

        await page.GotoAsync("designer/national-key-task");
        await page.WaitForInteractiveAsync();
        await page.ClickAsync("#start-instance");
        await page.Locator("#start-input-provinces-all").UncheckAsync();
        await Assertions.Expect(page.Locator("#start-input-provinces-options")).ToBeVisibleAsync();
        await page.ScreenshotAsync(output, "start-form-390");
    }

    /// <summary>Types part of a name into an agency checklist's search and ticks the one agency so named.</summary>
    private static async Task ChooseAsync(IPage page, string input, string typed, string name)
    {
        await page.FillAsync($"#start-input-{input}-search", typed);
        var option = page.Locator($"#start-input-{input}-options").GetByRole(AriaRole.Checkbox, new LocatorGetByRoleOptions { Name = name, Exact = true });
        await Assertions.Expect(option).ToHaveCountAsync(1);
        await option.CheckAsync();
        await Assertions.Expect(page.Locator($"#start-input-{input}-chosen")).ToContainTextAsync(name);
    }

    /// <summary>The user claims and completes its agency's open task of a kind in the key task (found by its title), through the API.</summary>
    private async Task CompleteAsync(string username, string title, string kind, JsonObject data)
    {
        using var client = await fixture.ApiClientAsync(username);
        var task = await OpenTaskAsync(client, title, kind);
        (await client.PostAsJsonAsync($"/api/tasks/{task}/claim", new { })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync($"/api/tasks/{task}/complete", new { outcome = "Submitted", data })).EnsureSuccessStatusCode();
    }

    private static async Task<string> OpenTaskAsync(HttpClient client, string title, string kind)
    {
        string? found = null;
        await Eventually.TrueAsync(
            async () => (found = (await client.GetFromJsonAsync<JsonObject>($"/api/tasks?view=open&q={Uri.EscapeDataString(title)}"))!["items"]!.AsArray()
                .FirstOrDefault(t => t!["kind"]!.GetValue<string>() == kind)?["id"]!.GetValue<string>()) is not null,
            $"an open {kind} task of {title}");
        return found!;
    }
}
