using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AiPlusTasks.Browser.Tests;

/// <summary>
/// Delegation (代理): guangdong.staff claims a task and delegates their work for a week to a new colleague (赵磊, made
/// through the users API by the NDRC administrator, so no other test's inbox changes); the colleague finds it under "mine"
/// marked "代 … 办理", acts on it, and the task's history says "赵磊 代 广东省 工作人员". Screenshots at 1366×768 and 390 px, zh and en.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DelegationTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private const string Title = "代理测试 人工智能+政务服务";
    private const string Colleague = "guangdong.zhaolei";
    private const string ColleaguePassword = "Lingnan2027Delegate";

    [BrowserFact]
    public async Task Staff_DelegatesForAWeek_ColleagueActsOnTheirBehalf_HistoryNamesBoth()
    {
        // Arrange: the task, claimed by guangdong.staff; the colleague.
        await fixture.StartGuangdongTaskAsync(Title, "browser-tests:delegation");
        await CreateColleagueAsync();
        var staff = await fixture.NewPageAsync(1366, 768);
        await staff.SignInAsync("guangdong.staff");
        await staff.OpenTaskAsync("细化落实举措", Title);
        await staff.ClickAsync("#claim");
        await Assertions.Expect(staff.Locator("#unclaim")).ToBeVisibleAsync();

        // Act 1: the staff member delegates for a week (China-time days, both inclusive) from the delegation page.
        await staff.GotoAsync("delegations");
        await staff.WaitForInteractiveAsync();
        await staff.SelectOptionAsync("#delegation-to", new SelectOptionValue { Label = "赵磊" });
        await staff.EnterAsync("#delegation-starts", "2026-12-15");
        await staff.EnterAsync("#delegation-ends", "2026-12-21");
        await staff.EnterAsync("#delegation-reason", "休假");
        await staff.ClickAsync("#delegation-create");

        // Assert 1
        await Assertions.Expect(staff.Locator("#delegation-message")).ToHaveTextAsync("已设置代理：赵磊，2026-12-15 至 2026-12-21。");
        var given = staff.Locator("#delegation-given .delegation-item");
        await Assertions.Expect(given).ToHaveCountAsync(1);
        await Assertions.Expect(given).ToContainTextAsync("赵磊 代 广东省 工作人员");
        await Assertions.Expect(given.Locator(".delegation-state")).ToHaveTextAsync("生效中");
        await staff.ScreenshotAsync(output, "delegation-page-zh-1366");
        await staff.SetViewportSizeAsync(390, 844);
        await staff.ScreenshotAsync(output, "delegation-page-zh-390");

        // The agency's lead sees it among the agency's delegations, and may name whose work a new one delegates.
        var lead = await fixture.NewPageAsync(1366, 768);
        await lead.SignInAsync("guangdong.lead");
        await lead.GotoAsync("delegations");
        await lead.WaitForInteractiveAsync();
        await Assertions.Expect(lead.Locator("#delegation-agency .delegation-item")).ToContainTextAsync("赵磊 代 广东省 工作人员");
        await Assertions.Expect(lead.Locator("#delegation-from option", new PageLocatorOptions { HasTextString = "赵磊" })).ToHaveCountAsync(1);
        await lead.ScreenshotAsync(output, "delegation-page-lead-zh-1366");

        // Act 2: the colleague finds the task under "mine", marked, and comments on it.
        var colleague = await fixture.NewPageAsync(1366, 768);
        await colleague.SignInAsync(Colleague, ColleaguePassword);
        await colleague.WaitForInteractiveAsync();
        await colleague.ClickAsync("[data-view=mine]");
        var row = colleague.Locator("#inbox-list tr", new PageLocatorOptions { HasTextString = Title });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator(".acting-for")).ToHaveTextAsync("代 广东省 工作人员 办理");
        await colleague.ScreenshotAsync(output, "delegation-inbox-zh-1366");
        await colleague.OpenTaskAsync(Title);
        var taskId = colleague.PathAndQuery().Split('/')[^1];
        await Assertions.Expect(colleague.Locator("#acting-for")).ToContainTextAsync("您正在代 广东省 工作人员 办理此任务");
        await colleague.EnterAsync("#comment-text", "已代为核实举措");
        await colleague.ClickAsync("#add-comment");

        // Assert 2: the history names both, in both languages and on a phone.
        var history = colleague.Locator("#case-history .case-event[data-action=Commented]");
        await Assertions.Expect(history).ToContainTextAsync("赵磊 代 广东省 工作人员 留言：已代为核实举措");
        await colleague.ScreenshotAsync(output, "delegation-task-zh-1366");
        await colleague.SetViewportSizeAsync(390, 844);
        await colleague.ScreenshotAsync(output, "delegation-task-zh-390");
        await colleague.GotoAsync($"culture?culture=en&returnUrl={Uri.EscapeDataString(new Uri(colleague.Url).AbsolutePath)}");
        await colleague.WaitForInteractiveAsync();
        await Assertions.Expect(history).ToContainTextAsync("赵磊 on behalf of Guangdong Province staff commented: 已代为核实举措");
        await colleague.ScreenshotAsync(output, "delegation-task-en-390");
        await colleague.SetViewportSizeAsync(1366, 768);
        await colleague.ScreenshotAsync(output, "delegation-task-en-1366");
        await colleague.GotoAsync("delegations");
        await colleague.WaitForInteractiveAsync();
        await Assertions.Expect(colleague.Locator("#delegation-received .delegation-item")).ToContainTextAsync("赵磊 on behalf of Guangdong Province staff");
        await Assertions.Expect(colleague.Locator("#delegation-received .delegation-state")).ToHaveTextAsync("In force");
        await colleague.ScreenshotAsync(output, "delegation-page-en-1366");
        await colleague.SetViewportSizeAsync(390, 844);
        await colleague.ScreenshotAsync(output, "delegation-page-en-390");

        // The delegator reads the same entry through the API: the colleague acted, for them.
        var task = await fixture.GetTaskAsync("guangdong.staff", taskId);
        var entry = task["history"]!.AsArray().Last(h => h!["action"]!.GetValue<string>() == "Commented")!;
        Assert.Equal(Colleague, entry["actor"]!.GetValue<string>());
        Assert.Equal("guangdong.staff", entry["actingFor"]!.GetValue<string>());
    }

    /// <summary>赵磊, a staff member of guangdong, made by the NDRC administrator with their own password set.</summary>
    private async Task CreateColleagueAsync()
    {
        using var http = new HttpClient { BaseAddress = fixture.Host.Address };
        var token = await (await http.PostAsJsonAsync("/api/auth/token", new { username = "ndrc.admin", password = BrowserHost.Password })).Content.ReadFromJsonAsync<JsonObject>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!["accessToken"]!.GetValue<string>());
        var created = await http.PostAsJsonAsync("/api/users", new { username = Colleague, displayName = "赵磊", agency = "guangdong", roles = (string[])["agency-staff"] });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var oneTime = (await created.Content.ReadFromJsonAsync<JsonObject>())!["oneTimePassword"]!.GetValue<string>();
        var changed = await http.PostAsJsonAsync("/api/account/password", new { username = Colleague, currentPassword = oneTime, newPassword = ColleaguePassword });
        Assert.True(changed.IsSuccessStatusCode, await changed.Content.ReadAsStringAsync());
    }
}
