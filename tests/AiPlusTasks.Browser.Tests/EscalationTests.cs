using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AiPlusTasks.Browser.Tests;

/// <summary>
/// Escalation on screen (zh-CN, desktop and 390 px): guangdong's report, issued 16 days after its due date, already shows
/// 提醒, 催办, 督办 and 约谈 with 通报 to come; the NDRC supervisor finds it under 已升级, urges it with a message (the box
/// will not send an empty one), and guangdong's staff see the 催办 and its message on the task page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EscalationTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private const string Title = "逾期督办测试 人工智能+医疗影像";
    private const string Message = "请于本周五前报送人工智能+医疗影像试点进展及佐证材料。";

    /// <summary>Words of the English UI, codes and engine words that must not appear in the Chinese panel.</summary>
    private static readonly string[] Forbidden =
        ["guangdong", "ndrc", "supervisor", "reminder", "urge", "notice", "interview", "circular", "ladder", "manual", "system", "Escalat"];

    [BrowserFact]
    public async Task LateReport_ShowsItsRungsInChinese_SupervisorUrges_StaffSeeTheMessage()
    {
        // Arrange: a province task due 16 days ago; guangdong refines it, so its report is issued late.
        await StartLateReportAsync();

        // Act 1: the NDRC supervisor opens 已升级 in the inbox.
        var supervisor = await fixture.NewPageAsync();
        await supervisor.SignInAsync("ndrc.supervisor");
        await supervisor.WaitForInteractiveAsync();
        var escalatedView = supervisor.Locator("[data-view=escalated]");
        await Assertions.Expect(escalatedView).ToContainTextAsync("已升级");
        await escalatedView.ClickAsync();
        await Assertions.Expect(escalatedView).ToHaveAttributeAsync("aria-pressed", "true");
        var row = supervisor.Locator("#inbox-list tbody tr", new PageLocatorOptions { HasTextString = Title });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator(".escalation-chip")).ToContainTextAsync("已约谈");
        Assert.DoesNotMatch(@"\(0\)", await escalatedView.InnerTextAsync());
        await supervisor.ScreenshotAsync(output, "esc-supervisor-inbox");
        await CopyAsync("esc-supervisor-inbox");

        // Assert 1: the task page lists the four rungs already due, then 通报 to come, in Chinese.
        await row.Locator("a.task-title").ClickAsync();
        await supervisor.WaitForAddressAsync("/tasks/");
        await supervisor.WaitForInteractiveAsync();
        var panel = supervisor.Locator("#escalation");
        var applied = panel.Locator(".escalation-rung.applied .rung-name");
        await Assertions.Expect(applied).ToHaveTextAsync(["提醒", "催办", "督办", "约谈"]);
        await Assertions.Expect(panel.Locator(".escalation-rung.planned .rung-name")).ToHaveTextAsync(["通报"]);
        await Assertions.Expect(panel.Locator(".escalation-rung.planned")).ToContainTextAsync("待发出");
        await Assertions.Expect(panel.Locator(".escalation-rung.applied .rung-told")).ToHaveTextAsync(["广东省", "广东省", "广东省", "广东省及其主要负责同志"]);
        await Assertions.Expect(panel.Locator(".escalation-rung.applied").First).ToContainTextAsync("2026-12-15 08:00");
        await Assertions.Expect(panel.Locator(".escalation-rung.applied").First).ToContainTextAsync("到期自动发出");
        await Assertions.Expect(panel.Locator(".escalation-rung.applied").First).ToContainTextAsync("按期限应于 2026-11-26 08:00");
        await AssertNoCodesAsync(panel);
        await supervisor.AssertEveryControlNamedAsync();
        await supervisor.ScreenshotAsync(output, "esc-supervisor-task");
        await CopyAsync("esc-supervisor-task");

        // Act 2: an empty 催办 is refused under its field; one with a message is sent.
        await supervisor.ClickAsync("#urge");
        await supervisor.ClickAsync("#urge-send");
        await Assertions.Expect(supervisor.Locator("#urge-error")).ToHaveTextAsync("请填写催办内容。");
        await Assertions.Expect(supervisor.Locator("#urge-message")).ToHaveAttributeAsync("aria-invalid", "true");
        await supervisor.AssertEveryControlNamedAsync();
        await supervisor.FillAsync("#urge-message", Message);
        await supervisor.ClickAsync("#urge-send");

        // Assert 2
        await Assertions.Expect(supervisor.Locator("#urge-sent")).ToHaveTextAsync("已催办。");
        var urge = panel.Locator(".escalation-rung.applied").Last;
        await Assertions.Expect(urge.Locator(".rung-name")).ToHaveTextAsync("催办");
        await Assertions.Expect(urge.Locator(".rung-message")).ToHaveTextAsync(Message);
        await Assertions.Expect(urge).ToContainTextAsync("人工催办");
        await Assertions.Expect(urge.Locator(".rung-actor")).ToHaveTextAsync("国家发展和改革委员会 督查人员");
        await AssertNoCodesAsync(panel);
        await supervisor.ScreenshotAsync(output, "esc-supervisor-urged");
        await CopyAsync("esc-supervisor-urged");

        // Act 3 / Assert 3: guangdong's staff see the 催办 and its message, on a desktop and on a phone.
        var staff = await fixture.NewPageAsync();
        await staff.SignInAsync("guangdong.staff");
        await staff.OpenTaskAsync(Title);
        var staffPanel = staff.Locator("#escalation");
        await Assertions.Expect(staffPanel.Locator(".escalation-rung.applied .rung-name")).ToHaveTextAsync(["提醒", "催办", "督办", "约谈", "催办"]);
        await Assertions.Expect(staffPanel.Locator(".rung-message")).ToHaveTextAsync(Message);
        await Assertions.Expect(staff.Locator("#urge")).ToHaveCountAsync(0);
        await Assertions.Expect(staff.Locator("#case-history .case-event[data-action=Urged]")).ToContainTextAsync("催办：" + Message);
        await AssertNoCodesAsync(staffPanel);
        await staff.ScreenshotAsync(output, "esc-staff-task");
        await CopyAsync("esc-staff-task");

        await staff.SetViewportSizeAsync(390, 844);
        await Assertions.Expect(staffPanel).ToBeVisibleAsync();
        Assert.True(await staff.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "the task page scrolls sideways at 390 px");
        await staffPanel.ScrollIntoViewIfNeededAsync();
        await staff.ScreenshotAsync(output, "esc-staff-task-390");
        await CopyAsync("esc-staff-task-390");
        await staffPanel.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(Ui.ScreenshotFolder, "esc-staff-panel-390.png") });
        await CopyAsync("esc-staff-panel-390");

        await supervisor.SetViewportSizeAsync(390, 844);
        await supervisor.GotoAsync("inbox");
        await supervisor.WaitForInteractiveAsync();
        await supervisor.ClickAsync("[data-view=escalated]");
        await Assertions.Expect(supervisor.Locator("#inbox-list .task-title", new PageLocatorOptions { HasTextString = Title })).ToHaveCountAsync(1);
        await supervisor.ScreenshotAsync(output, "esc-supervisor-inbox-390");
        await CopyAsync("esc-supervisor-inbox-390");
    }

    private static async Task AssertNoCodesAsync(ILocator panel)
    {
        var text = await panel.InnerTextAsync();
        foreach (var word in Forbidden)
        {
            Assert.DoesNotContain(word, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>Screenshots also go to <c>/tmp/shots</c>, where people look at them.</summary>
    private static async Task CopyAsync(string name)
    {
        Directory.CreateDirectory("/tmp/shots");
        await using var source = File.OpenRead(Path.Combine(Ui.ScreenshotFolder, name + ".png"));
        await using var target = File.Create(Path.Combine("/tmp/shots", name + ".png"));
        await source.CopyToAsync(target);
    }

    /// <summary>Through the HTTP API: the planner starts guangdong's province task due 16 days ago; guangdong's staff refine it.</summary>
    private async Task StartLateReportAsync()
    {
        using var planner = await ClientAsync("ndrc.planner");
        var start = await planner.PostAsJsonAsync("/api/workflow-instances", new
        {
            definitionId = "province-task",
            correlationId = "browser-tests:escalation",
            input = new JsonObject
            {
                ["agency"] = "guangdong",
                ["title"] = Title,
                ["pillar"] = "action.wellbeing",
                ["leadAgency"] = "nhc",
                ["dueAt"] = BrowserHost.Now.AddDays(-16).ToString("O", CultureInfo.InvariantCulture),
            },
        });
        Assert.True(start.IsSuccessStatusCode, await start.Content.ReadAsStringAsync());

        using var staff = await ClientAsync("guangdong.staff");
        var inbox = (await staff.GetFromJsonAsync<JsonObject>("/api/tasks?pageSize=200"))!["items"]!.AsArray();
        var refine = inbox.Single(t => t!["title"]!.GetValue<string>().Contains(Title, StringComparison.Ordinal))!["id"]!.GetValue<string>();
        var done = await staff.PostAsJsonAsync($"/api/tasks/{refine}/complete", new { outcome = "Submitted", data = new { measures = "三甲医院先行部署影像辅助诊断" } });
        Assert.True(done.IsSuccessStatusCode, await done.Content.ReadAsStringAsync());
    }

    private async Task<HttpClient> ClientAsync(string username)
    {
        var http = new HttpClient { BaseAddress = fixture.Host.Address };
        var token = await http.PostAsJsonAsync("/api/auth/token", new { username, password = BrowserHost.Password });
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await token.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>());
        return http;
    }
}
