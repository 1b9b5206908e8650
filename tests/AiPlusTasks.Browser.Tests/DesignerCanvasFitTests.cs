using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AiPlusTasks.Browser.Tests;

/// <summary>
/// The designer's canvas at a laptop's 1366×768 and on a phone: the national key task's whole flowchart fits the canvas
/// when it opens and again on "重置视图", every node's texts stay inside its box, the minimap shows and moves the view
/// while the graph is larger than the view, and publishing with a problem stores nothing and selects the problem's node.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DesignerCanvasFitTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private const string NationalKeyTask = "national-key-task";

    /// <summary>A script giving the ids of nodes whose box is not wholly inside the canvas and the window.</summary>
    internal const string NodesOutside = """
        () => {
          const canvas = document.querySelector('#designer-canvas').getBoundingClientRect();
          const bottom = Math.min(canvas.bottom, window.innerHeight), right = Math.min(canvas.right, window.innerWidth);
          return [...document.querySelectorAll('#designer-canvas g.canvas-node')]
            .filter(g => {
              const r = g.querySelector('.node-box').getBoundingClientRect();
              return r.left < canvas.left || r.top < canvas.top || r.right > right || r.bottom > bottom;
            })
            .map(g => g.dataset.node);
        }
        """;

    /// <summary>A script giving every text of a node (title lines, type, port labels) that reaches outside the node's box, as "node: text".</summary>
    internal const string TextsOverflowing = """
        () => {
          const out = [];
          for (const g of document.querySelectorAll('#designer-canvas g.canvas-node')) {
            const box = g.querySelector('.node-box').getBoundingClientRect();
            for (const t of g.querySelectorAll('.node-text tspan, .node-type, .port-label')) {
              const r = t.getBoundingClientRect();
              if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5) {
                out.push(g.dataset.node + ': ' + t.textContent);
              }
            }
          }
          return out;
        }
        """;

    [BrowserTheory]
    [InlineData("zh-CN", "人工任务")]
    [InlineData("en", "Human task")]
    public async Task Planner_OpensTheNationalKeyTask_SeesItWhole_ZoomsUsesTheMinimapAndResets(string culture, string humanTask)
    {
        var page = await fixture.NewPageAsync(1366, 768);
        await page.SignInAsync("ndrc.planner");
        await page.GotoAsync($"culture?culture={culture}&returnUrl=%2Fdesigner%2F{NationalKeyTask}");
        await page.WaitForInteractiveAsync();
        var nodes = page.Locator("#designer-canvas g.canvas-node");
        await Assertions.Expect(nodes).ToHaveCountAsync(12);

        // Open: fitted (below 100%, the graph is wider than the canvas), every node inside, no text outside its box.
        await Assertions.Expect(page.Locator(".canvas-content")).Not.ToHaveAttributeAsync("data-zoom", "1");
        Assert.Empty(await page.EvaluateAsync<string[]>(NodesOutside));
        Assert.Empty(await page.EvaluateAsync<string[]>(TextsOverflowing));
        await Assertions.Expect(page.Locator("g.canvas-node[data-node=refine1] .node-type")).ToHaveTextAsync(humanTask);
        await Assertions.Expect(page.Locator("#canvas-minimap")).ToHaveCountAsync(0);
        if (culture == "zh-CN")
        {
            // The canvas's own words (names, types, outcomes, tooltips) are Chinese; branch names the author wrote are theirs.
            var english = await page.EvaluateAsync<string[]>("""
                () => [...document.querySelectorAll('#designer-canvas text:not([data-authored]), #designer-canvas title, #designer-canvas [aria-label]')]
                  .map(e => e.getAttribute('aria-label') || e.textContent).filter(t => /[A-Za-z]{2,}/.test(t))
                """);
            Assert.Empty(english);
        }

        await page.ScreenshotAsync(output, $"canvas-fitted-{culture}-1366");

        // Zoomed in around the centre, the graph is larger than the view: the minimap shows it and the part in view.
        var fitted = await Zoom(page);
        await page.ClickAsync("#zoom-in");
        await page.ClickAsync("#zoom-in");
        await page.ClickAsync("#zoom-in");
        await Assertions.Expect(page.Locator("#canvas-minimap")).ToBeVisibleAsync();
        Assert.True(await Zoom(page) > fitted * 1.5);
        Assert.Contains("end1", await page.EvaluateAsync<string[]>(NodesOutside));
        Assert.Empty(await page.EvaluateAsync<string[]>(TextsOverflowing));
        await page.ScreenshotAsync(output, $"canvas-zoomed-minimap-{culture}-1366");

        // A click on the last node in the minimap brings it into view.
        await page.Locator("#canvas-minimap rect.minimap-node[data-node=end1]").ClickAsync(new LocatorClickOptions { Force = true });
        await page.WaitForFunctionAsync($"() => !({NodesOutside})().includes('end1')");
        var transform = await page.GetAttributeAsync(".canvas-content", "transform");

        // The arrow keys move the view too.
        await page.FocusAsync("#canvas-minimap");
        await page.Keyboard.PressAsync("ArrowLeft");
        await Assertions.Expect(page.Locator(".canvas-content")).Not.ToHaveAttributeAsync("transform", transform!);

        // A drag in the minimap from its right to its left end takes the view to the start of the flow.
        var map = (await page.Locator("#canvas-minimap").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(map.X + map.Width - 10, map.Y + (map.Height / 2));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(map.X + 12, map.Y + (map.Height / 2), new MouseMoveOptions { Steps = 6 });
        await page.Mouse.UpAsync();
        await page.WaitForFunctionAsync($"() => !({NodesOutside})().includes('start1')");

        // 重置视图 fits the whole graph again and the minimap goes.
        await page.ClickAsync("#zoom-reset");
        await Assertions.Expect(page.Locator("#canvas-minimap")).ToHaveCountAsync(0);
        Assert.Empty(await page.EvaluateAsync<string[]>(NodesOutside));
        Assert.Equal(fitted, await Zoom(page), 2);

        // A smaller window keeps it fitted.
        await page.SetViewportSizeAsync(1100, 700);
        await page.WaitForFunctionAsync($"() => ({NodesOutside})().length === 0 && document.querySelector('.canvas-content').dataset.zoom !== '{Num(fitted)}'");
        Assert.True(await Zoom(page) < fitted);
    }

    [BrowserTheory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task Planner_OnAPhone_SeesTheWholeNationalKeyTask(string culture)
    {
        var page = await fixture.NewPageAsync(390, 844);
        await page.SignInAsync("ndrc.planner");
        await page.GotoAsync($"culture?culture={culture}&returnUrl=%2Fdesigner%2F{NationalKeyTask}");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.Locator("#designer-canvas g.canvas-node")).ToHaveCountAsync(12);
        await Assertions.Expect(page.Locator(".canvas-content")).Not.ToHaveAttributeAsync("data-zoom", "1");
        await page.Locator("#designer-canvas").ScrollIntoViewIfNeededAsync();

        // The canvas is below the toolbar on a phone: the nodes are inside it (scrolled into view).
        var outside = await page.EvaluateAsync<string[]>(NodesOutside.Replace("Math.min(canvas.bottom, window.innerHeight)", "canvas.bottom", StringComparison.Ordinal));
        Assert.Empty(outside);
        Assert.Empty(await page.EvaluateAsync<string[]>(TextsOverflowing));
        await page.AssertFitsAsync();
        await page.ScreenshotAsync(output, $"canvas-fitted-{culture}-390");

        // Zoomed in on a phone, the minimap fits beside the graph in the canvas (a close-up of the canvas alone).
        await page.ClickAsync("#zoom-in");
        await page.ClickAsync("#zoom-in");
        await page.ClickAsync("#zoom-in");
        await Assertions.Expect(page.Locator("#canvas-minimap")).ToBeVisibleAsync();
        var canvas = (await page.Locator("#designer-canvas").BoundingBoxAsync())!;
        var minimap = (await page.Locator("#canvas-minimap").BoundingBoxAsync())!;
        Assert.True(minimap.X >= canvas.X && minimap.X + minimap.Width <= canvas.X + canvas.Width, "the minimap is wider than the phone's canvas");
        await page.Locator("#designer-canvas").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(Ui.ScreenshotFolder, $"canvas-zoomed-{culture}-390.png") });
    }

    [BrowserFact]
    public async Task Planner_PublishesWithAProblem_NothingIsStoredAndTheProblemsNodeIsSelectedInView()
    {
        // Arrange: a copy of the national key task, published as version 1.
        var definitionId = $"canvas-publish-{Guid.NewGuid():N}"[..24];
        using (var planner = await fixture.ApiClientAsync("ndrc.planner"))
        {
            var definition = (await planner.GetFromJsonAsync<JsonObject>($"/api/workflow-definitions/{NationalKeyTask}"))!;
            definition["definitionId"] = definitionId;
            definition["name"] = "国家重点任务（发布检查）";
            definition.Remove("id");
            Assert.True((await planner.PostAsync("/api/workflow-definitions", JsonContent.Create(definition))).IsSuccessStatusCode);
            Assert.True((await planner.PostAsync($"/api/workflow-definitions/{definitionId}/publish", null)).IsSuccessStatusCode);
        }

        var page = await fixture.NewPageAsync(1366, 768);
        await page.SignInAsync("ndrc.planner");
        await page.GotoAsync($"designer/{definitionId}");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.Locator(".canvas-content")).Not.ToHaveAttributeAsync("data-zoom", "1");

        // A delay nothing leads to (unreachable, no duration); then another node is selected and the view zoomed away from it.
        await page.Locator("#designer-palette [data-type='Elsa.Delay']").PressAsync("Enter");
        await Assertions.Expect(page.Locator("g.canvas-node[data-node=delay1]")).ToHaveCountAsync(1);
        var problems = await page.Locator(".designer-problem").CountAsync();
        Assert.True(problems > 0);
        await page.ClickAsync("#zoom-reset");
        await page.Locator("g.canvas-node[data-node=start1] .node-box").ClickAsync();
        await page.ClickAsync("#zoom-in");
        await page.ClickAsync("#zoom-in");
        await page.ClickAsync("#zoom-in");
        Assert.Contains("delay1", await page.EvaluateAsync<string[]>(NodesOutside));

        // Act
        await page.ClickAsync("#publish");

        // Assert: says what to do, selects the delay and brings it into view; the API still has only version 1, published.
        await Assertions.Expect(page.Locator("#designer-message")).ToContainTextAsync($"有 {problems} 个问题需要先解决");
        await Assertions.Expect(page.Locator("#designer-message")).ToContainTextAsync("延时");
        await Assertions.Expect(page.Locator("g.canvas-node.selected")).ToHaveAttributeAsync("data-node", "delay1");
        Assert.DoesNotContain("delay1", await page.EvaluateAsync<string[]>(NodesOutside));
        await page.ScreenshotAsync(output, "canvas-publish-refused-zh-1366");
        using (var planner = await fixture.ApiClientAsync("ndrc.planner"))
        {
            var latest = (await planner.GetFromJsonAsync<JsonObject>($"/api/workflow-definitions/{definitionId}"))!;
            Assert.Equal((1, true), (latest["version"]!.GetValue<int>(), latest["isPublished"]!.GetValue<bool>()));
            Assert.Equal(HttpStatusCode.NotFound, (await planner.GetAsync($"/api/workflow-definitions/{definitionId}?version=2")).StatusCode);
        }
    }

    private static async Task<double> Zoom(IPage page) =>
        double.Parse((await page.GetAttributeAsync(".canvas-content", "data-zoom"))!, System.Globalization.CultureInfo.InvariantCulture);

    private static string Num(double value) => value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
