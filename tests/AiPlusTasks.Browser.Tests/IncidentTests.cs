using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AiPlusTasks.Browser.Tests;

/// <summary>
/// Incidents and due dates on screen (docs/decisions/030): the NDRC supervisor moves a task's due date on its page (China
/// time, a reason, refused empty) and the history says so in Chinese and English; the NDRC planner sees a faulted
/// instance's incident in the instance viewer and skips it through the port chosen, and the incident shows as resolved.
/// Screenshots at 1366×768 and 390 px.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class IncidentTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private const string Title = "延期测试 人工智能+交通";

    [BrowserFact]
    public async Task Supervisor_ExtendsTheDueDate_TheHistorySaysFromWhenToWhenAndWhy()
    {
        using (var planner = await ClientAsync("ndrc.planner"))
        {
            var start = await planner.PostAsJsonAsync("/api/workflow-instances", new
            {
                definitionId = "province-task",
                correlationId = "browser-tests:extend-due",
                input = new JsonObject { ["agency"] = "guangdong", ["title"] = Title, ["pillar"] = "action.industry", ["leadAgency"] = "mot" },
            });
            Assert.True(start.IsSuccessStatusCode, await start.Content.ReadAsStringAsync());
        }

        var supervisor = await fixture.NewPageAsync();
        await supervisor.SignInAsync("ndrc.supervisor");
        await supervisor.OpenTaskAsync(Title);

        // An empty reason is refused under its field.
        await supervisor.ClickAsync("#extend-due");
        await supervisor.ClickAsync("#extend-due-send");
        await Assertions.Expect(supervisor.Locator("#extend-due-reason-error")).ToHaveTextAsync("请填写延期理由");
        await supervisor.AssertEveryControlNamedAsync();
        await supervisor.ScreenshotAsync(output, "extend-due-box");
        await supervisor.FillAsync("#extend-due-reason", "需等待交通运输部数据接口开通");
        await supervisor.ClickAsync("#extend-due-send");

        var line = supervisor.Locator("#case-history .case-event[data-action=DueExtended]");
        await Assertions.Expect(line).ToContainTextAsync("将截止时间由");
        await Assertions.Expect(line).ToContainTextAsync("：需等待交通运输部数据接口开通");
        Assert.DoesNotContain("ndrc.supervisor", await line.InnerTextAsync(), StringComparison.Ordinal);
        await supervisor.ScreenshotAsync(output, "extend-due-done");

        await supervisor.SetViewportSizeAsync(390, 844);
        Assert.True(await supervisor.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "the task page scrolls sideways at 390 px");
        await line.ScrollIntoViewIfNeededAsync();
        await supervisor.ScreenshotAsync(output, "extend-due-done-390");

        await supervisor.SetViewportSizeAsync(1366, 768);
        await supervisor.GotoAsync($"culture?culture=en&returnUrl={Uri.EscapeDataString(new Uri(supervisor.Url).AbsolutePath)}");
        await supervisor.WaitForInteractiveAsync();
        await Assertions.Expect(supervisor.Locator("#case-history .case-event[data-action=DueExtended]")).ToContainTextAsync("moved the due date from");
        await supervisor.ClickAsync("#extend-due");
        await supervisor.ScreenshotAsync(output, "extend-due-en");
    }

    [BrowserFact]
    public async Task Planner_SkipsAFaultedActivity_InTheInstanceViewer()
    {
        string instanceId;
        using (var planner = await ClientAsync("ndrc.planner"))
        {
            var id = "browser-incident";
            var definition = AiPlusTasks.Tests.Shared.Wf.Definition(
                id,
                [
                    AiPlusTasks.Tests.Shared.Wf.Decision("check", "(function () { throw new Error('data missing'); })()"),
                    AiPlusTasks.Tests.Shared.Wf.WriteLine("yes", "yes"),
                    AiPlusTasks.Tests.Shared.Wf.WriteLine("no", "no"),
                ],
                ["check:True->yes", "check:False->no"]);
            Assert.True((await planner.PostAsync("/api/workflow-definitions", new StringContent(definition, System.Text.Encoding.UTF8, "application/json"))).IsSuccessStatusCode);
            Assert.True((await planner.PostAsync($"/api/workflow-definitions/{id}/publish", null)).IsSuccessStatusCode);
            var started = await planner.PostAsJsonAsync("/api/workflow-instances", new { definitionId = id });
            instanceId = (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        }

        var page = await fixture.NewPageAsync();
        await page.SignInAsync("ndrc.planner");
        await page.GotoAsync($"designer/instances/{instanceId}");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.Locator("#instance-incidents li")).ToContainTextAsync("data missing");
        await Assertions.Expect(page.Locator("#incident-retry")).ToHaveTextAsync("重试");
        await page.ScreenshotAsync(output, "incident-faulted");

        // A skip needs a reason; then it goes on from the chosen port.
        await page.SelectOptionAsync("#incident-outcome", "False");
        await page.ClickAsync("#incident-skip");
        await Assertions.Expect(page.Locator("#incident-error")).ToHaveTextAsync("跳过须填写处理说明");
        await page.FillAsync("#incident-reason", "人工核实后不适用");
        await page.ClickAsync("#incident-skip");

        await Assertions.Expect(page.Locator("#instance-viewer")).ToHaveAttributeAsync("data-status", "Finished");
        await Assertions.Expect(page.Locator("#instance-incidents li .incident-resolution")).ToContainTextAsync("跳过，从出口 False 继续");
        await Assertions.Expect(page.Locator("#incident-actions")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(output, "incident-skipped");
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(output, "incident-skipped-390");
    }

    private async Task<HttpClient> ClientAsync(string username)
    {
        var http = new HttpClient { BaseAddress = fixture.Host.Address };
        var token = await http.PostAsJsonAsync("/api/auth/token", new { username, password = BrowserHost.Password });
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await token.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>());
        return http;
    }
}
