using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AiPlusTasks.Browser.Tests;

/// <summary>
/// The NDRC dashboard in Chromium at 1366×768: the key-task progress figure and its rule, the heatmap's legend, rows of
/// agencies and mode toggle, full-width lists with one-line headers, the drill-down into a filtered inbox with removable
/// chips, and an agency's own page — in Chinese and in English. Three national key tasks are started through the HTTP
/// API, refined by their lead ministries and fanned out to provinces that report (<see cref="KeyTasks"/>, once per run).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardTests(BrowserFixture fixture, ITestOutputHelper output)
{
    /// <summary>
    /// The key tasks: title, pillar, lead ministry, days until due, and each province with the progress it reports (null:
    /// no report yet: its report step stays open at 0). The consumption task was due yesterday, so henan's report step is overdue.
    /// </summary>
    private static readonly (string Title, string Pillar, string Lead, int DueInDays, (string Province, int? Percent)[] Provinces)[] KeyTasks =
    [
        ("人工智能+制造业中试基地建设", "action.industry", "miit", 60, [("zhejiang", 40), ("jiangsu", 55)]),
        ("人工智能+科研范式变革", "action.science", "most", 60, [("shandong", 35)]),
        ("人工智能+算力券试点", "support.compute", "nda", 60, [("zhejiang", 60), ("sichuan", null)]),
        ("人工智能+消费新场景培育", "action.consumption", "miit", -1, [("henan", null)]),
    ];

    private static readonly SemaphoreSlim Arranged = new(1, 1);
    private static bool _arranged;

    [BrowserFact]
    public async Task Planner_Dashboard_ShowsTheKeyTaskFigureLegendToggleAndFullWidthListsInChineseAndEnglish()
    {
        await ArrangeKeyTasksAsync();
        var page = await fixture.NewPageAsync(1366, 768);
        await page.SignInAsync("ndrc.planner");

        await page.GotoAsync("dashboard");
        await page.WaitForInteractiveAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("督办仪表盘");
        await Assertions.Expect(page.Locator("#key-task-progress-overall")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+\.\d%$"));
        await Assertions.Expect(page.Locator("#key-task-progress-rule")).ToContainTextAsync("各项重点任务最新一次进度报告的平均值");
        await Assertions.Expect(page.Locator("#key-task-progress-by-pillar tr[data-key='action.science']")).ToBeVisibleAsync();
        Assert.Equal(["绿：正常推进", "蓝：临近截止", "黄：进度滞后或被退回", "红：已逾期"], await page.Locator("#heatmap-legend .legend-item").AllInnerTextsAsync());
        await Assertions.Expect(page.Locator("#heatmap tbody th a.heatmap-agency", new PageLocatorOptions { HasTextString = "浙江省" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#colour-worst")).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(page.Locator("#colour-mode-help")).ToContainTextAsync("最差");
        await Assertions.Expect(page.Locator("#trend-not-enough")).ToContainTextAsync("尚无足够数据"); // every report is from this one week
        await Assertions.Expect(page.Locator("#overdue-list .task-title", new PageLocatorOptions { HasTextString = "人工智能+消费新场景培育" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#overdue-list a.agency-link", new PageLocatorOptions { HasTextString = "河南省" })).ToHaveAttributeAsync("href", "agencies/henan");

        // The lists take the page's width, and every header is one line high (no "牵/头/单/位").
        var main = (await page.Locator(".mud-main-content").BoundingBoxAsync())!;
        foreach (var list in (string[])["#overdue-list", "#escalated-list"])
        {
            var box = (await page.Locator(list).BoundingBoxAsync())!;
            Assert.True(box.Width > main.Width * 0.85, $"{list} is {box.Width} px wide in a main area of {main.Width} px");
            foreach (var header in await page.Locator($"{list} thead th").AllAsync())
            {
                var height = (await header.BoundingBoxAsync())!.Height;
                Assert.True(height < 48, $"a header of {list} ('{await header.InnerTextAsync()}') is {height} px high");
            }
        }

        await page.AssertPlainChineseAsync();
        await page.ScreenshotAsync(output, "dashboard-1366");

        await page.ClickAsync("#colour-average");
        await Assertions.Expect(page.Locator("#colour-average")).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(page.Locator("#colour-mode-help")).ToContainTextAsync("平均");

        await page.ClickAsync("#language-switch");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Supervision dashboard");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.Locator("#key-task-progress-rule")).ToContainTextAsync("latest progress report");
        Assert.Equal(["Green: on track", "Blue: deadline approaching", "Yellow: behind plan or returned", "Red: overdue"],
            await page.Locator("#heatmap-legend .legend-item").AllInnerTextsAsync());
        await Assertions.Expect(page.Locator("#heatmap tbody th a.heatmap-agency", new PageLocatorOptions { HasTextString = "Zhejiang Province" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#colour-worst")).ToHaveTextAsync("Colour by worst task");
        await page.ScreenshotAsync(output, "dashboard-1366-en");
    }

    [BrowserFact]
    public async Task Planner_ClicksAHeatmapCell_SeesRemovableFilterChipsAndTheListGrowsWhenOneIsRemoved()
    {
        await ArrangeKeyTasksAsync();
        var page = await fixture.NewPageAsync(1366, 768);
        await page.SignInAsync("ndrc.planner");
        await page.GotoAsync("dashboard");
        await page.WaitForInteractiveAsync();

        await page.Locator("td.heatmap-cell a[href='inbox?agency=zhejiang&pillar=action.industry']").ClickAsync();

        await page.WaitForAddressAsync("/inbox?agency=zhejiang&pillar=action.industry");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.Locator("#filter-agency")).ToContainTextAsync("单位：浙江省");
        await Assertions.Expect(page.Locator("#filter-pillar")).ToContainTextAsync("领域：产业发展");
        await Assertions.Expect(page.Locator("#inbox-filtered")).ToBeVisibleAsync();
        var filtered = await page.Locator("#inbox-list .task-title").CountAsync();
        Assert.True(filtered >= 1);
        await Assertions.Expect(page.Locator("[data-view=open]")).ToContainTextAsync($"({filtered})");
        await page.AssertPlainChineseAsync();
        await page.ScreenshotAsync(output, "inbox-drilldown-chips");

        await page.Locator("#filter-pillar .mud-chip-close-button").ClickAsync();

        await page.WaitForAddressAsync("/inbox?agency=zhejiang", endsWith: true);
        await Assertions.Expect(page.Locator("#filter-pillar")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#filter-agency")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#inbox-list .task-title")).ToHaveCountAsync(filtered + 1); // zhejiang's compute task too
        await Assertions.Expect(page.Locator("[data-view=open]")).ToContainTextAsync($"({filtered + 1})");
        await page.ScreenshotAsync(output, "inbox-drilldown-one-chip");

        await page.ClickAsync("#language-switch");
        await Assertions.Expect(page.Locator("#filter-agency")).ToContainTextAsync("Agency: Zhejiang Province");
        await page.ScreenshotAsync(output, "inbox-drilldown-en");
    }

    [BrowserFact]
    public async Task Planner_OpensAnAgencyFromTheHeatmap_SeesItsProgressTasksAndLatestReports()
    {
        await ArrangeKeyTasksAsync();
        var page = await fixture.NewPageAsync(1366, 768);
        await page.SignInAsync("ndrc.planner");
        await page.GotoAsync("dashboard");
        await page.WaitForInteractiveAsync();

        await page.Locator("#heatmap a.heatmap-agency", new PageLocatorOptions { HasTextString = "浙江省" }).ClickAsync();

        await page.WaitForAddressAsync("/agencies/zhejiang", endsWith: true);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("浙江省");
        await Assertions.Expect(page.Locator("#key-task-progress-overall")).ToHaveTextAsync("50.0%"); // (40 + 60) / 2
        await Assertions.Expect(page.Locator("#key-task-progress-count")).ToHaveTextAsync("共 2 项重点任务");
        var reports = page.Locator("#agency-report-list tr.agency-report");
        Assert.Equal(["60%", "40%"], await reports.Locator(".report-percent").AllInnerTextsAsync());
        Assert.All(await reports.Locator(".report-at").AllInnerTextsAsync(), at => Assert.StartsWith("2026-12-15", at, StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#agency-open #inbox-list .task-title")).ToHaveCountAsync(2);
        await page.AssertPlainChineseAsync();
        await page.ScreenshotAsync(output, "agency-zhejiang-1366");

        await page.ClickAsync("#language-switch");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Zhejiang Province");
        await Assertions.Expect(page.Locator("#key-task-progress-count")).ToHaveTextAsync("2 key tasks in all");
        await page.ScreenshotAsync(output, "agency-zhejiang-1366-en");

        var phone = await fixture.NewPageAsync(390, 844);
        await phone.SignInAsync("ndrc.planner");
        await phone.GotoAsync("agencies/zhejiang");
        await Assertions.Expect(phone.Locator("h1")).ToHaveTextAsync("浙江省");
        await phone.AssertFitsAsync();
        await phone.ScreenshotAsync(output, "agency-zhejiang-390");
    }

    [BrowserFact]
    public async Task AgencyStaff_OpensAnAgencyPage_IsRefused()
    {
        var page = await fixture.NewPageAsync(1366, 768);
        await page.SignInAsync("guangdong.staff");

        await page.GotoAsync("agencies/guangdong");

        await Assertions.Expect(page.Locator("#agency-overview")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#forbidden")).ToBeVisibleAsync();
    }

    /// <summary>
    /// Once per run, through the HTTP API: the planner starts each key task in the seeded plan, its lead ministry refines
    /// it, it fans out to its provinces, and each province refines its part and reports (in this one week of the host's clock).
    /// </summary>
    private async Task ArrangeKeyTasksAsync()
    {
        await Arranged.WaitAsync();
        try
        {
            if (_arranged)
            {
                return;
            }

            using var planner = await fixture.ApiClientAsync("ndrc.planner");
            foreach (var (title, pillar, lead, dueInDays, provinces) in KeyTasks)
            {
                var start = await planner.PostAsJsonAsync("/api/workflow-instances", new
                {
                    definitionId = "national-key-task",
                    input = new JsonObject
                    {
                        ["title"] = title,
                        ["pillar"] = pillar,
                        ["leadAgency"] = lead,
                        ["coAgencies"] = new JsonArray(),
                        ["provinces"] = new JsonArray([.. provinces.Select(p => (JsonNode)p.Province)]),
                        ["planId"] = "ai-plus-2025-2027",
                        ["dueAt"] = BrowserHost.Now.AddDays(dueInDays).ToString("O", CultureInfo.InvariantCulture),
                    },
                });
                start.EnsureSuccessStatusCode();
                await CompleteStepAsync($"{lead}.staff", title, "task", new JsonObject { ["measures"] = "先行先试，分批推进" });
                foreach (var (province, percent) in provinces)
                {
                    await CompleteStepAsync($"{province}.staff", title, "task", new JsonObject { ["measures"] = "建设中试基地，培育应用场景" });
                    if (percent is null)
                    {
                        continue;
                    }

                    var report = await OpenStepAsync($"{province}.staff", title, "report");
                    using var staff = await fixture.ApiClientAsync($"{province}.staff");
                    (await staff.PostAsJsonAsync($"/api/tasks/{report}/claim", new { })).EnsureSuccessStatusCode();
                    (await staff.PostAsJsonAsync($"/api/tasks/{report}/progress-reports", new
                    {
                        progressPercent = percent,
                        done = $"已建成试点 {percent / 10} 个",
                        next = "扩大试点范围",
                        selfColour = "Green",
                        confidence = 7,
                    })).EnsureSuccessStatusCode();
                }
            }

            _arranged = true;
        }
        finally
        {
            Arranged.Release();
        }
    }

    /// <summary>The user claims and completes their open step of a kind in the key task (found by its title).</summary>
    private async Task CompleteStepAsync(string username, string title, string kind, JsonObject data)
    {
        var task = await OpenStepAsync(username, title, kind);
        using var http = await fixture.ApiClientAsync(username);
        (await http.PostAsJsonAsync($"/api/tasks/{task}/claim", new { })).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync($"/api/tasks/{task}/complete", new { outcome = "Submitted", data })).EnsureSuccessStatusCode();
    }

    /// <summary>The id of the user's open step of a kind in the key task, waiting for the fan-out to issue it.</summary>
    private async Task<string> OpenStepAsync(string username, string title, string kind)
    {
        using var http = await fixture.ApiClientAsync(username);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var inbox = await http.GetFromJsonAsync<JsonObject>($"/api/tasks?q={Uri.EscapeDataString(title)}&pageSize=50");
            var step = inbox!["items"]!.AsArray().FirstOrDefault(t => t!["kind"]!.GetValue<string>() == kind && t["title"]!.GetValue<string>().Contains(title, StringComparison.Ordinal));
            if (step is not null)
            {
                return step["id"]!.GetValue<string>();
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"{username} has no open {kind} step of '{title}'");
    }
}
