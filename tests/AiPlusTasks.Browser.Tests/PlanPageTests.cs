using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AiPlusTasks.Browser.Tests;

/// <summary>
/// The NDRC's plan pages in Chromium at 1366×768: the seeded plan as a planner reads it (window, key tasks, scores, gates,
/// waiting list, diff in words), a roll through the page's preview (cancelled once, then confirmed), an amendment from
/// the page, the same page in English and at 390 px; agencies are kept out.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PlanPageTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private const string PlanId = "ai-plus-2025-2027";

    [BrowserFact]
    public async Task Planner_ReadsThePlan_RollsThroughThePreview_AndAmendsIt()
    {
        // A key task's work already started through the API (as an agency's earlier breakdown would be).
        var securityColour = await StartKeyTaskAsync("KT-12", "大模型安全评测与风险预警", "cac", BrowserHost.Now.AddDays(-1));
        var page = await fixture.NewPageAsync(1366, 768);
        await page.SignInAsync("ndrc.planner");

        // The list: the plan by name, its period in words, its key tasks by colour.
        await page.GotoAsync("plans");
        await page.WaitForInteractiveAsync();
        var listed = page.Locator("#plan-list tbody tr", new() { HasText = "人工智能+ 行动 2025–2027" });
        await Assertions.Expect(listed).ToContainTextAsync("2026年第4季度");
        await Assertions.Expect(listed).ToContainTextAsync("计划中 12");
        await page.AssertPlainChineseAsync();
        await page.ScreenshotAsync(output, "plan-list");

        // The plan: the window left to right with its zones and this period marked, the key tasks by name.
        await listed.Locator(".plan-link").ClickAsync();
        await page.WaitForAddressAsync($"/plans/{PlanId}");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.Locator("#plan-window .window-period")).ToHaveTextAsync([
            Zone("2026年第4季度", "承诺期"), Zone("2027年第1季度", "确定期"), Zone("2027年第2季度", "指示期"), Zone("2027年第3季度", "指示期")]);
        await Assertions.Expect(page.Locator("#plan-window .window-period.now")).ToHaveAttributeAsync("data-period", "2026-Q4");
        var governmentAgents = page.Locator("#plan-tasks tbody tr", new() { HasText = "政务服务智能体应用" });
        await Assertions.Expect(governmentAgents).ToContainTextAsync("国家发展和改革委员会");
        await Assertions.Expect(governmentAgents).ToContainTextAsync("全部省级单位（32个）");
        await Assertions.Expect(page.Locator("#plan-scores tbody tr").First).ToContainTextAsync("工业质检智能体");
        await Assertions.Expect(page.Locator("#plan-gates tbody tr", new() { HasText = "自动驾驶干线物流" })).ToContainTextAsync("✗ 未满足");
        await Assertions.Expect(page.Locator("#plan-waiting")).ToContainTextAsync("本批试点名额已满");
        await Assertions.Expect(page.Locator("#plan-versions .version-row.selected")).ToHaveCountAsync(1);
        await AssertNoTaskKeysAsync(page);
        await page.AssertPlainChineseAsync();
        await page.ScreenshotAsync(output, "plan-page");

        // The roll: a dialog with the next period chosen and the diff the roll would make; cancelling writes nothing.
        await page.ClickAsync("#roll-open");
        await Assertions.Expect(page.Locator("#roll-dialog")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#roll-period")).ToHaveValueAsync("2027-Q1");
        await Assertions.Expect(page.Locator("#roll-preview tbody tr", new() { HasText = "政务服务智能体应用" }).First).ToContainTextAsync("转入承诺期");
        await Assertions.Expect(page.Locator("#roll-preview-summary")).ToContainTextAsync("2027年第1季度");
        await AssertNoTaskKeysAsync(page);
        await page.AssertPlainChineseAsync();
        await page.ScreenshotAsync(output, "plan-roll-preview");
        var previewed = await page.Locator("#roll-preview tbody tr").CountAsync();
        await page.ClickAsync("#roll-cancel");
        await Assertions.Expect(page.Locator("#roll-dialog")).ToHaveCountAsync(0);
        Assert.Equal(1, await VersionCountAsync());

        await page.ClickAsync("#roll-open");
        await Assertions.Expect(page.Locator("#roll-preview tbody tr")).ToHaveCountAsync(previewed);
        await page.ClickAsync("#roll-confirm");
        await Assertions.Expect(page.Locator("#plan-message")).ToContainTextAsync("已滚动到第 2 版（2027年第1季度）");
        Assert.Equal(2, await VersionCountAsync());
        await Assertions.Expect(page.Locator("#plan-versions .version-row.selected")).ToHaveAttributeAsync("data-version", "2");
        await Assertions.Expect(page.Locator("#plan-versions .version-row.selected")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#plan-diff tbody tr")).ToHaveCountAsync(previewed);
        var zoneChange = page.Locator("#plan-diff tbody tr", new() { HasText = "政务服务智能体应用" }).Filter(new() { HasText = "窗口变化" });
        await Assertions.Expect(zoneChange).ToContainTextAsync("确定期");
        await Assertions.Expect(zoneChange).ToContainTextAsync("承诺期（冻结）");
        await Assertions.Expect(page.Locator("#plan-window .window-period").First).ToContainTextAsync("2027年第1季度");
        await Assertions.Expect(governmentAgents).ToContainTextAsync("已启动");
        // Colours are live: the security task shows the worst colour of its open work, as the inbox gives it.
        await Assertions.Expect(page.Locator("#plan-tasks tbody tr", new() { HasText = "大模型安全评测与风险预警" }).Locator(".task-colour")).ToHaveTextAsync(securityColour);
        await Assertions.Expect(governmentAgents.Locator(".task-colour")).ToHaveTextAsync("绿");
        await Assertions.Expect(page.Locator("#roll-open")).ToBeDisabledAsync();
        await AssertNoTaskKeysAsync(page);
        await page.AssertPlainChineseAsync();
        await page.ScreenshotAsync(output, "plan-rolled");

        // Version 1 again: only its row looks selected, its window is the seeded one.
        await page.ClickAsync("#plan-versions [data-version='1']");
        await Assertions.Expect(page.Locator("#plan-versions .version-row.selected")).ToHaveAttributeAsync("data-version", "1");
        await Assertions.Expect(page.Locator("#plan-versions .version-row.selected")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#plan-window .window-period").First).ToContainTextAsync("2026年第4季度");

        // An amendment: without a reason the engine's refusal shows at the field; with one it is listed in words.
        await page.ClickAsync("#amend-submit");
        await Assertions.Expect(page.Locator("#amend-form")).ToContainTextAsync("请填写修订原因");
        await page.Locator("#amend-form .milestone-row").First.Locator("input").Nth(1).EnterAsync("智能终端和智能体普及率超 75%");
        await page.Locator("#amend-form textarea").First.EnterAsync("根据 2026 年第四季度评估，提高 2027 年普及率目标");
        await page.Locator("#amend-form input").Last.EnterAsync("发改规划〔2026〕88号");
        await page.ClickAsync("#amend-submit");
        var amendment = page.Locator("#plan-amendments tbody tr", new() { Has = page.Locator("[data-amendment='2']") });
        await Assertions.Expect(amendment).ToContainTextAsync("里程碑");
        await Assertions.Expect(amendment).ToContainTextAsync("发改规划〔2026〕88号");
        await Assertions.Expect(amendment).ToContainTextAsync("2026-12-15");
        await Assertions.Expect(page.Locator("#amend-form")).Not.ToContainTextAsync("请填写修订原因");
        await page.AssertPlainChineseAsync();
        await page.ScreenshotAsync(output, "plan-amended");

        // The same page in English.
        await page.GotoAsync($"culture?culture=en&returnUrl={Uri.EscapeDataString($"/plans/{PlanId}")}");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.Locator("#window-heading")).ToHaveTextAsync("Rolling window");
        await Assertions.Expect(page.Locator("#plan-tasks")).ToContainTextAsync("AI basic research and frontier breakthroughs");
        await Assertions.Expect(page.Locator("#plan-window .window-period").First).ToContainTextAsync("Q1 2027");
        await Assertions.Expect(page.Locator("#plan-diff")).ToContainTextAsync("Committed (frozen)");
        await page.ScreenshotAsync(output, "plan-page-en");
    }

    [BrowserFact]
    public async Task Planner_OnAPhone_SeesThePlanWithoutSidewaysScrolling()
    {
        var page = await fixture.NewPageAsync(390, 844);
        await page.SignInAsync("ndrc.planner");

        await page.GotoAsync($"plans/{PlanId}");
        await page.WaitForInteractiveAsync();

        await Assertions.Expect(page.Locator("#plan-window .window-period")).ToHaveCountAsync(4);
        await page.AssertFitsAsync();
        await page.AssertPlainChineseAsync();
        await page.ScreenshotAsync(output, "plan-page-390");
    }

    [BrowserFact]
    public async Task AgencyStaff_VisitingPlans_IsForbidden()
    {
        var page = await fixture.NewPageAsync();
        await page.SignInAsync("guangdong.staff");

        await page.GotoAsync("plans");

        // The plan service refuses the caller and the page shows its notice in place (the API answers the same 403).
        await Assertions.Expect(page.Locator("#forbidden")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#plan-list")).ToHaveCountAsync(0);
    }

    /// <summary>A window period's text: the period in words, then its zone.</summary>
    private static Regex Zone(string period, string zone) => new($"{period}.*{zone}", RegexOptions.Singleline);

    /// <summary>Key tasks are named, never shown by their keys (KT-01…).</summary>
    private static async Task AssertNoTaskKeysAsync(IPage page) =>
        Assert.DoesNotMatch("KT-\\d", await page.Locator(".mud-main-content").InnerTextAsync());

    /// <summary>
    /// Starts the <c>national-key-task</c> breakdown of one of the plan's key tasks through the HTTP API, correlated to it
    /// as a roll would, waits until its lead unit's task is in the inbox, and answers the worst colour of its open work in
    /// words (绿, 蓝, 黄, 红).
    /// </summary>
    private async Task<string> StartKeyTaskAsync(string key, string title, string lead, DateTimeOffset due)
    {
        using var http = await fixture.ApiClientAsync("ndrc.planner");
        var start = await http.PostAsJsonAsync("/api/workflow-instances", new
        {
            definitionId = "national-key-task",
            correlationId = $"{PlanId}:{key}",
            input = new JsonObject
            {
                ["title"] = title,
                ["pillar"] = "support.security",
                ["leadAgency"] = lead,
                ["coAgencies"] = new JsonArray("mps"),
                ["provinces"] = new JsonArray("beijing"),
                ["dueAt"] = due.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["planId"] = PlanId,
            },
        });
        Assert.True(start.IsSuccessStatusCode, await start.Content.ReadAsStringAsync());
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var tasks = await http.GetFromJsonAsync<JsonObject>($"/api/tasks?view=all&agency={lead}&q={Uri.EscapeDataString(title)}");
            if (tasks!["totalCount"]!.GetValue<int>() > 0)
            {
                string[] order = ["Green", "Blue", "Yellow", "Red"];
                string[] words = ["绿", "蓝", "黄", "红"];
                return words[tasks["items"]!.AsArray().Max(t => Array.IndexOf(order, t!["colour"]!.GetValue<string>()))];
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"the work of {title} did not reach {lead}'s inbox");
    }

    private async Task<int> VersionCountAsync()
    {
        using var http = await fixture.ApiClientAsync("ndrc.planner");
        return (await http.GetFromJsonAsync<JsonObject>($"/api/plans/{PlanId}/versions"))!["totalCount"]!.GetValue<int>();
    }
}
