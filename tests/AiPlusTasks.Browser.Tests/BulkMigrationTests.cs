using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static AiPlusTasks.Tests.Shared.Wf;

namespace AiPlusTasks.Browser.Tests;

/// <summary>
/// The bulk page (/bulk) as the NDRC planner: three instances waiting in a human task on version 1 migrated to a published
/// version 2 whose step after the task was renamed — the definition and version picked by name, the target version, the
/// mapping editor, preview, confirm, report — and the task completed afterwards runs the renamed step. Then each
/// operation's parameter fields, with screenshots at 1366×768 and 390 px in Chinese and English.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BulkMigrationTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private const string DisplayName = "版本迁移测试流程";

    private static JsonObject Named(JsonObject activity, string name)
    {
        activity["name"] = name;
        return activity;
    }

    private static JsonObject Report() => Named(
        A("report", "AiPlus.HumanTask", ("title", Lit("版本迁移测试 进度报告")), ("assigneeAgency", Lit("guangdong")), ("outcomes", Lit("Submitted")), ("dueAt", Lit("P10D"))),
        "进度报告");

    /// <summary>Imports and publishes a version of the definition through the API.</summary>
    private static async Task PublishAsync(HttpClient api, string definitionId, JsonObject next)
    {
        var json = JsonNode.Parse(Definition(definitionId, [Report(), next], [$"report:Submitted->{next["id"]}"]))!.AsObject();
        json["name"] = DisplayName;
        (await api.PostAsync("/api/workflow-definitions", new StringContent(json.ToJsonString(), System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        (await api.PostAsync($"/api/workflow-definitions/{definitionId}/publish", null)).EnsureSuccessStatusCode();
    }

    [BrowserFact]
    public async Task Planner_MigratesThreeWaitingInstancesToVersionTwo_TheRenamedStepRunsAfterTheTask()
    {
        // Arrange: three instances wait in the task on version 1; version 2 renames the step after it.
        using var api = await fixture.ApiClientAsync("ndrc.planner");
        using var guangdong = await fixture.ApiClientAsync("guangdong.staff");
        var definitionId = "bulk-migrate-" + Guid.NewGuid().ToString("N")[..8];
        await PublishAsync(api, definitionId, Named(WriteLine("next", "old next step"), "下一步"));
        var instances = new List<(string Id, string TaskId)>();
        for (var i = 0; i < 3; i++)
        {
            var started = await (await api.PostAsJsonAsync("/api/workflow-instances", new { definitionId })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>();
            var task = started!["bookmarks"]!.AsArray().Single(b => b!["kind"]!.GetValue<string>() == "HumanTask")!;
            instances.Add((started["id"]!.GetValue<string>(), task["key"]!.GetValue<string>()));
        }

        await PublishAsync(api, definitionId, Named(WriteLine("publish", "renamed next step"), "发布成果"));
        var page = await fixture.NewPageAsync(1366, 768);
        await page.SignInAsync("ndrc.planner");

        try
        {
            // Act: instances of the definition's version 1, to version 2, the task staying where it is.
            await page.GotoAsync("bulk");
            await page.WaitForInteractiveAsync();
            await page.CheckAsync("#bulk-target-instances");
            await Assertions.Expect(page.Locator("#bulk-target-instances")).ToBeCheckedAsync();
            await Assertions.Expect(page.Locator("#bulk-target-tasks")).Not.ToBeCheckedAsync();
            await page.SelectOptionAsync("#bulk-operation", "migrate");
            await Assertions.Expect(page.Locator("#bulk-migrate-choose")).ToBeVisibleAsync();
            await page.SelectOptionAsync("#bulk-definition", new SelectOptionValue { Label = DisplayName });
            await page.SelectOptionAsync("#bulk-version", "1");
            await Assertions.Expect(page.Locator("#bulk-target-version option")).ToHaveTextAsync(["请选择版本", "第 2 版（已发布）"]);
            await page.SelectOptionAsync("#bulk-target-version", "2");

            // Assert: the mapping editor offers the held task, going to itself.
            await Assertions.Expect(page.Locator("#mapping-report")).ToHaveValueAsync("report");
            await Assertions.Expect(page.Locator("label[for=mapping-report]")).ToHaveTextAsync("进度报告");
            await page.AssertPlainChineseAsync();
            await page.ScreenshotAsync(output, "bulk-migrate-1366");
            await Assertions.Expect(page.Locator("#bulk-target-instances")).ToBeCheckedAsync();

            // Act: preview, 3 selected.
            await page.ClickAsync("#bulk-preview");
            await Assertions.Expect(page.Locator("#bulk-preview-count")).ToHaveAttributeAsync("data-total", "3");
            await Assertions.Expect(page.Locator("#bulk-preview-items .bulk-item[data-status=Succeeded]")).ToHaveCountAsync(3);

            // Act: confirm; the report says 3 succeeded.
            await page.ClickAsync("#bulk-confirm");
            await Assertions.Expect(page.Locator("#bulk-job")).ToHaveAttributeAsync("data-status", "Finished", new() { Timeout = 60_000 });
            await Assertions.Expect(page.Locator("#bulk-succeeded")).ToHaveTextAsync("成功 3 项");
            await Assertions.Expect(page.Locator("#bulk-failed")).ToHaveTextAsync("失败 0 项");

            // The report's filter shows the chosen radio as chosen.
            await Assertions.Expect(page.Locator("#bulk-report-all")).ToBeCheckedAsync();
            await page.CheckAsync("#bulk-report-succeeded");
            await Assertions.Expect(page.Locator("#bulk-report-succeeded")).ToBeCheckedAsync();
            await Assertions.Expect(page.Locator("#bulk-report-all")).Not.ToBeCheckedAsync();
            await Assertions.Expect(page.Locator("#bulk-report-items .bulk-item")).ToHaveCountAsync(3);
            await page.CheckAsync("#bulk-report-failed");
            await Assertions.Expect(page.Locator("#bulk-report-failed")).ToBeCheckedAsync();
            await Assertions.Expect(page.Locator("#bulk-report-items .bulk-item")).ToHaveCountAsync(0);
            await page.AssertPlainChineseAsync();
            await page.ScreenshotAsync(output, "bulk-migrate-report-1366");
            await Assertions.Expect(page.Locator("#bulk-report-failed")).ToBeCheckedAsync();

            // Assert: completing one task over the API runs version 2's renamed step.
            var (instanceId, taskId) = instances[0];
            (await guangdong.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "Submitted" })).EnsureSuccessStatusCode();
            JsonObject? instance = null;
            for (var i = 0; i < 100 && instance?["status"]?.GetValue<string>() != "Finished"; i++)
            {
                await Task.Delay(200);
                instance = await api.GetFromJsonAsync<JsonObject>($"/api/workflow-instances/{instanceId}");
            }

            Assert.Equal(("Finished", 2), (instance!["status"]!.GetValue<string>(), instance["definitionVersion"]!.GetValue<int>()));
            var journal = await api.GetFromJsonAsync<JsonObject>($"/api/workflow-instances/{instanceId}/journal?pageSize=100");
            var activities = journal!["items"]!.AsArray().Select(j => j!["activityId"]?.GetValue<string>()).ToList();
            Assert.Contains("publish", activities);
            Assert.DoesNotContain("next", activities);

            // Each operation's parameters, in Chinese then English, at 1366 and 390 px.
            await ParameterScreenshotsAsync(page, "zh");
            await page.GotoAsync("culture?culture=en&returnUrl=%2Fbulk");
            await page.WaitForInteractiveAsync();
            await ParameterScreenshotsAsync(page, "en");
        }
        finally
        {
            // Other tests count guangdong's open tasks: the rest are completed.
            foreach (var (_, taskId) in instances.Skip(1))
            {
                await guangdong.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "Submitted" });
            }
        }
    }

    /// <summary>The form with each operation's parameter fields (and extendDue's named error), at 1366 and 390 px.</summary>
    private async Task ParameterScreenshotsAsync(IPage page, string language)
    {
        foreach (var width in (int[])[1366, 390])
        {
            await page.SetViewportSizeAsync(width, width == 390 ? 844 : 768);
            await page.CheckAsync("#bulk-target-instances");
            foreach (var operation in (string[])["retry", "skip", "migrate"])
            {
                await page.SelectOptionAsync("#bulk-operation", operation);
                await Assertions.Expect(page.Locator("#bulk-parameters-" + operation)).ToBeVisibleAsync();
                if (operation == "migrate")
                {
                    await page.SelectOptionAsync("#bulk-definition", new SelectOptionValue { Label = DisplayName });
                    await page.SelectOptionAsync("#bulk-version", "1");
                    await page.SelectOptionAsync("#bulk-target-version", "2");
                    await Assertions.Expect(page.Locator("#migration-mapping")).ToBeVisibleAsync();
                }

                await page.AssertFitsAsync();
                await page.Locator("#bulk-form").ScreenshotAsync(new() { Path = Path.Combine(Ui.ScreenshotFolder, $"bulk-{operation}-{language}-{width}.png") });
            }

            await page.CheckAsync("#bulk-target-tasks");
            await Assertions.Expect(page.Locator("#bulk-target-tasks")).ToBeCheckedAsync();
            await page.SelectOptionAsync("#bulk-operation", "extendDue");
            await page.EnterAsync("#bulk-new-due-date", "");
            await page.ClickAsync("#bulk-preview");
            await Assertions.Expect(page.Locator("#bulk-parameters-extendDue .bulk-error").First).ToHaveTextAsync(
                language == "zh" ? "请填写晚于当前时间的截止日期" : "Give a due date later than now");
            await page.FillAsync("#bulk-new-due-date", BrowserHost.Now.AddDays(40).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await page.AssertFitsAsync();
            await page.Locator("#bulk-form").ScreenshotAsync(new() { Path = Path.Combine(Ui.ScreenshotFolder, $"bulk-extendDue-{language}-{width}.png") });
        }

        await page.SetViewportSizeAsync(1366, 768);
        output.WriteLine($"screenshots: {Ui.ScreenshotFolder}/bulk-*-{language}-*.png");
    }
}
