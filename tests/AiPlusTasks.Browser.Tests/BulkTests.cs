using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AiPlusTasks.Browser.Tests;

/// <summary>
/// The bulk page (/bulk) as the NDRC planner: 500 open tasks of guangdong reassigned to hubei — filter by names, preview
/// (count and sample), confirm, the progress bar up to 500, the report — with screenshots at 1366×768 and 390 px, in
/// Chinese and English.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BulkTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private const int Tasks = 500;
    private const string Pillar = "support.compute.chips";

    [BrowserFact]
    public async Task Planner_Reassigns500GuangdongTasksToHubei_PreviewProgressAndReport()
    {
        // Arrange: 500 open tasks of guangdong under a pillar no other test uses.
        using var api = await fixture.ApiClientAsync("ndrc.planner");
        await Parallel.ForEachAsync(Enumerable.Range(0, Tasks), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, token) =>
        {
            var start = await api.PostAsJsonAsync("/api/workflow-instances", new
            {
                definitionId = "province-task",
                correlationId = $"browser-tests:bulk-{i}",
                input = new JsonObject
                {
                    ["agency"] = "guangdong",
                    ["title"] = $"批量改派测试 算力芯片 {i:D3}",
                    ["pillar"] = Pillar,
                    ["leadAgency"] = "miit",
                    ["dueAt"] = BrowserHost.Now.AddDays(30).ToString("O", CultureInfo.InvariantCulture),
                },
            }, token);
            start.EnsureSuccessStatusCode();
        });
        var page = await fixture.NewPageAsync(1366, 768);
        await page.SignInAsync("ndrc.planner");

        try
        {
            // Act: the filter and the parameter by names, then preview.
            // On a desktop the plans page leads there (the bar has no room; the phone menu has it).
            await page.GotoAsync("plans");
            await page.ClickAsync("#plan-list-bulk");
            await page.WaitForAddressAsync("/bulk", endsWith: true);
            await page.WaitForInteractiveAsync();
            await page.ChooseAgencyAsync(page.Locator("#bulk-agency"), "广东", "广东省");
            await page.SelectOptionAsync("#bulk-pillar", "support.compute");
            await page.ChooseAgencyAsync(page.Locator("#bulk-to-agency"), "湖北", "湖北省");
            await page.ClickAsync("#bulk-preview");

            // Assert: the count and what would change, in words.
            await Assertions.Expect(page.Locator("#bulk-preview-count")).ToHaveAttributeAsync("data-total", Tasks.ToString(CultureInfo.InvariantCulture));
            await Assertions.Expect(page.Locator("#bulk-preview-count")).ToContainTextAsync("共选中 500 项");
            await Assertions.Expect(page.Locator("#bulk-preview-items .bulk-reason").First).ToHaveTextAsync("将从广东省改派到湖北省");
            await page.AssertPlainChineseAsync();
            await page.ScreenshotAsync(output, "bulk-preview-1366");

            // Act: confirm; the progress bar runs to 500 and the report shows.
            await page.ClickAsync("#bulk-confirm");
            await Assertions.Expect(page.Locator("#bulk-progress")).ToBeVisibleAsync();
            await page.ScreenshotAsync(output, "bulk-progress-1366");
            await Assertions.Expect(page.Locator("#bulk-progress-text")).ToHaveAttributeAsync("data-done", "500", new() { Timeout = 180_000 });
            await Assertions.Expect(page.Locator("#bulk-job")).ToHaveAttributeAsync("data-status", "Finished");
            await Assertions.Expect(page.Locator("#bulk-succeeded")).ToHaveTextAsync("成功 500 项");
            await Assertions.Expect(page.Locator("#bulk-report-items .bulk-reason").First).ToHaveTextAsync("已从广东省改派到湖北省");
            await Assertions.Expect(page.Locator("#bulk-jobs .bulk-job").First).ToContainTextAsync("改派任务");
            await page.AssertPlainChineseAsync();
            await page.ScreenshotAsync(output, "bulk-report-1366");

            // Hubei's inbox has them.
            using var hubei = await fixture.ApiClientAsync("hubei.staff");
            var inbox = await hubei.GetFromJsonAsync<JsonObject>($"/api/tasks?pillar={Pillar}&pageSize=1");
            Assert.Equal(Tasks, inbox!["totalCount"]!.GetValue<int>());

            // The same page at 390 px, and in English.
            await page.SetViewportSizeAsync(390, 844);
            await page.ScreenshotAsync(output, "bulk-report-390");
            await page.GotoAsync("culture?culture=en&returnUrl=%2Fbulk");
            await page.WaitForInteractiveAsync();
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Bulk actions");
            await page.ScreenshotAsync(output, "bulk-en-390");
            await page.SetViewportSizeAsync(1366, 768);
            await page.ScreenshotAsync(output, "bulk-en-1366");
        }
        finally
        {
            // Other tests expect hubei to have no tasks: back to guangdong, then their workflows cancelled.
            await RunJobAsync(api, new JsonObject
            {
                ["operation"] = "reassign",
                ["filter"] = new JsonObject { ["agency"] = "hubei", ["pillar"] = Pillar },
                ["parameters"] = new JsonObject { ["agency"] = "guangdong" },
            });
            await RunJobAsync(api, new JsonObject
            {
                ["operation"] = "cancel",
                ["filter"] = new JsonObject { ["definitionId"] = "province-task", ["pillar"] = Pillar, ["status"] = "Suspended" },
            });
        }
    }

    /// <summary>Previews, makes and waits for a bulk job through the API (nothing to do: nothing made).</summary>
    private static async Task RunJobAsync(HttpClient api, JsonObject request)
    {
        var preview = await (await api.PostAsJsonAsync("/api/bulk-jobs/preview?sample=1", request)).Content.ReadFromJsonAsync<JsonObject>();
        var total = preview!["total"]!.GetValue<int>();
        if (total == 0)
        {
            return;
        }

        request["expectedCount"] = total;
        var made = await api.PostAsJsonAsync("/api/bulk-jobs", request);
        made.EnsureSuccessStatusCode();
        var id = (await made.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        for (var i = 0; i < 600; i++)
        {
            var job = await api.GetFromJsonAsync<JsonObject>($"/api/bulk-jobs/{id}");
            if (job!["status"]!.GetValue<string>() != "Running")
            {
                return;
            }

            await Task.Delay(500);
        }
    }
}
