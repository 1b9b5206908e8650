using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AiPlusTasks.Browser.Tests;

/// <summary>
/// Lead and co-units on screen (主办/协办): guangdong leads a province task whose report has Hubei and Hunan as co-units;
/// Hubei has reported its part. Guangdong's lead sees both co-units' state on the task page, cannot submit while Hunan
/// has not reported, then submits with a reason (先行提交); Hunan's part is cancelled, and Hunan sees the lead unit on it.
/// In Chinese and English, at 1366×768 and 390 px.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CoUnitTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private const string Title = "协办测试 人工智能+政务服务";
    private const string Reason = "湖南省材料已在联席会议上书面报送，先行汇总提交。";

    /// <summary>Codes and engine words that must not appear on the Chinese panel.</summary>
    private static readonly string[] Forbidden = ["hubei", "hunan", "guangdong", "Open", "Completed", "Cancelled", "contribution", "staff"];

    [BrowserFact]
    public async Task LeadsTaskPage_ShowsTheCoUnitsState_GateThenOverrideWithAReason()
    {
        // Arrange (through the API): the report step with its two co-units; Hubei reports its part.
        var (leadTask, parts) = await StartAsync();

        // Hunan finds its part in its inbox, marked 协办.
        var hunan = await fixture.NewPageAsync(1366, 768);
        await hunan.SignInAsync("hunan.staff");
        await hunan.GotoAsync("inbox");
        await hunan.WaitForInteractiveAsync();
        await hunan.EnterAsync("#inbox-search", Title);
        var row = hunan.Locator("#inbox-list tbody tr", new PageLocatorOptions { HasTextString = Title });
        await Assertions.Expect(row.Locator(".co-unit-badge")).ToHaveTextAsync("协办");
        await Shot(hunan, "co-units-part-inbox-zh-1366");

        // Act 1: guangdong's lead opens the report step.
        var lead = await fixture.NewPageAsync(1366, 768);
        await lead.SignInAsync("guangdong.lead");
        await lead.GotoAsync($"tasks/{leadTask}");
        await lead.WaitForInteractiveAsync();
        await Assertions.Expect(lead.Locator("#task-title")).ToContainTextAsync(Title);

        // Assert 1: the co-units panel in Chinese: names, state, progress, who reported; Hunan is pending.
        var panel = lead.Locator("#co-units");
        await Assertions.Expect(panel.Locator("h2")).ToHaveTextAsync("协办单位");
        await Assertions.Expect(panel.Locator(".co-unit .co-unit-name")).ToHaveTextAsync(["湖北省", "湖南省"]);
        var hubei = panel.Locator(".co-unit[data-agency=hubei]");
        await Assertions.Expect(hubei.Locator(".co-unit-state")).ToHaveTextAsync("已报送");
        await Assertions.Expect(hubei.Locator(".co-unit-progress")).ToHaveTextAsync("进度 60%");
        await Assertions.Expect(hubei.Locator(".co-unit-reported")).ToContainTextAsync("湖北省");
        await Assertions.Expect(panel.Locator(".co-unit[data-agency=hunan] .co-unit-state")).ToHaveTextAsync("未报送");
        await Assertions.Expect(lead.Locator("#co-units-pending")).ToContainTextAsync("湖南省");
        await Assertions.Expect(lead.Locator("#co-unit-override-reason")).ToBeVisibleAsync();
        await AssertNoCodesAsync(panel);
        await lead.AssertEveryControlNamedAsync();
        await Shot(lead, "co-units-lead-zh-1366");
        await lead.SetViewportSizeAsync(390, 844);
        await panel.ScrollIntoViewIfNeededAsync();
        Assert.True(await lead.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "the task page scrolls sideways at 390 px");
        await Shot(lead, "co-units-lead-zh-390");
        await lead.SetViewportSizeAsync(1366, 768);

        // Act 2: submitting without a reason is refused (the co-units have not all reported).
        await FillReportAsync(lead);
        await lead.ClickAsync("[data-outcome=Submitted]");
        await Assertions.Expect(lead.Locator("#task-message")).ToContainTextAsync("协办单位尚未全部报送");
        await Assertions.Expect(lead.Locator("#task-state")).ToHaveTextAsync("待办");

        // Act 3: with a reason, the lead submits; Hunan's part is cancelled and the history says why.
        await lead.EnterAsync("#co-unit-override-reason", Reason);
        await lead.ClickAsync("[data-outcome=Submitted]");
        await Assertions.Expect(lead.Locator("#task-state")).ToHaveTextAsync("已完成");
        await Assertions.Expect(panel.Locator(".co-unit[data-agency=hunan] .co-unit-state")).ToHaveTextAsync("已取消");
        await Assertions.Expect(lead.Locator("#case-history .case-event[data-action=CoUnitsOverridden]")).ToContainTextAsync(Reason);
        await Assertions.Expect(lead.Locator("#case-history .case-event[data-step=contribution][data-action=ProgressReported]")).ToContainTextAsync("湖北省 工作人员");
        await Assertions.Expect(lead.Locator("#case-history .case-event[data-step=contribution][data-action=Created]")).ToHaveTextAsync([new Regex("任务下达：湖北省"), new Regex("任务下达：湖南省")]);
        await Assertions.Expect(lead.Locator("#case-history .case-event[data-action=Cancelled]")).ToContainTextAsync("主办单位已提交");
        await AssertNoCodesAsync(panel);
        await Shot(lead, "co-units-lead-overridden-zh-1366");
        await lead.SetViewportSizeAsync(390, 844);
        await panel.ScrollIntoViewIfNeededAsync();
        Assert.True(await lead.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "the task page scrolls sideways at 390 px");
        await Shot(lead, "co-units-lead-overridden-zh-390");

        // The same page in English.
        await lead.SetViewportSizeAsync(1366, 768);
        await lead.GotoAsync($"culture?culture=en&returnUrl={Uri.EscapeDataString(new Uri(lead.Url).AbsolutePath)}");
        await lead.WaitForInteractiveAsync();
        await Assertions.Expect(panel.Locator("h2")).ToHaveTextAsync("Co-units");
        await Assertions.Expect(panel.Locator(".co-unit .co-unit-name")).ToHaveTextAsync(["Hubei Province", "Hunan Province"]);
        await Assertions.Expect(panel.Locator(".co-unit .co-unit-state")).ToHaveTextAsync(["Reported", "Cancelled"]);
        await Assertions.Expect(lead.Locator("#case-history .case-event[data-action=Cancelled]")).ToContainTextAsync("the lead unit has submitted");
        await Shot(lead, "co-units-lead-overridden-en-1366");
        await lead.SetViewportSizeAsync(390, 844);
        await panel.ScrollIntoViewIfNeededAsync();
        await Shot(lead, "co-units-lead-overridden-en-390");

        // Act 4 / Assert 4: Hunan opens its part: it names the lead unit and its task, and is cancelled.
        await hunan.GotoAsync($"tasks/{parts["hunan"]}");
        await hunan.WaitForInteractiveAsync();
        await Assertions.Expect(hunan.Locator("#parent-lead-unit")).ToHaveTextAsync("主办单位：广东省");
        await Assertions.Expect(hunan.Locator("#parent-title")).ToContainTextAsync(Title);
        await Assertions.Expect(hunan.Locator("#task-state")).ToHaveTextAsync("已取消");
        await Shot(hunan, "co-units-part-zh-1366");
        await hunan.SetViewportSizeAsync(390, 844);
        await Shot(hunan, "co-units-part-zh-390");
    }

    private static async Task FillReportAsync(IPage page)
    {
        await page.EnterAsync("#field-done", "汇总三省政务大模型试点进展");
        await page.EnterAsync("#field-progressPercent", "55");
        await page.SelectOptionAsync("#field-selfColour", "Green");
        await page.DispatchEventAsync("#field-selfColour", "change");
        await page.EnterAsync("#field-confidence", "8");
    }

    private async Task Shot(IPage page, string name)
    {
        await page.ScreenshotAsync(output, name);
        Directory.CreateDirectory("/tmp/shots");
        File.Copy(Path.Combine(Ui.ScreenshotFolder, name + ".png"), Path.Combine("/tmp/shots", name + ".png"), overwrite: true);
    }

    private static async Task AssertNoCodesAsync(ILocator panel)
    {
        var text = await panel.InnerTextAsync();
        foreach (var word in Forbidden)
        {
            Assert.DoesNotContain(word, text, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Through the HTTP API: the planner starts guangdong's province task with Hubei and Hunan as co-units; guangdong
    /// refines it, so its report step and the two parts are issued; Hubei reports its part at 60%. Returns the report
    /// step's task and the parts by agency.
    /// </summary>
    private async Task<(string LeadTask, Dictionary<string, string> Parts)> StartAsync()
    {
        using var planner = await fixture.ApiClientAsync("ndrc.planner");
        var start = await planner.PostAsJsonAsync("/api/workflow-instances", new
        {
            definitionId = "province-task",
            correlationId = "browser-tests:co-units",
            input = new JsonObject
            {
                ["agency"] = "guangdong",
                ["title"] = Title,
                ["pillar"] = "action.governance",
                ["leadAgency"] = "ndrc",
                ["coUnits"] = new JsonArray("hubei", "hunan"),
                ["dueAt"] = BrowserHost.Now.AddDays(20).ToString("O", CultureInfo.InvariantCulture),
            },
        });
        Assert.True(start.IsSuccessStatusCode, await start.Content.ReadAsStringAsync());

        using var staff = await fixture.ApiClientAsync("guangdong.staff");
        var refine = await OpenTaskIdAsync(staff);
        var done = await staff.PostAsJsonAsync($"/api/tasks/{refine}/complete", new { outcome = "Submitted", data = new { measures = "省级政务服务平台接入大模型" } });
        Assert.True(done.IsSuccessStatusCode, await done.Content.ReadAsStringAsync());

        var reportId = await OpenTaskIdAsync(staff);
        var report = (await staff.GetFromJsonAsync<JsonObject>($"/api/tasks/{reportId}"))!;
        var parts = report["coUnits"]!.AsArray().ToDictionary(c => c!["agency"]!.GetValue<string>(), c => c!["taskId"]!.GetValue<string>());
        using var hubei = await fixture.ApiClientAsync("hubei.staff");
        var part = await hubei.PostAsJsonAsync($"/api/tasks/{parts["hubei"]}/complete", new
        {
            outcome = "Submitted",
            data = new { done = "湖北省完成政务大模型部署", progressPercent = 60, selfColour = "Green", confidence = 8 },
        });
        Assert.True(part.IsSuccessStatusCode, await part.Content.ReadAsStringAsync());
        return (reportId, parts);
    }

    private static async Task<string> OpenTaskIdAsync(HttpClient client)
    {
        var inbox = (await client.GetFromJsonAsync<JsonObject>($"/api/tasks?pageSize=200&q={Uri.EscapeDataString(Title)}"))!["items"]!.AsArray();
        return inbox.Single(t => t!["title"]!.GetValue<string>().Contains(Title, StringComparison.Ordinal))!["id"]!.GetValue<string>();
    }
}
