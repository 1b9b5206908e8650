using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AiPlusTasks.Browser.Tests;

/// <summary>
/// The national key task's designer page in plain words at 1366×768: the workflow panel (variable types in words), a
/// selected step's properties (type and outcomes in words, the technical name labelled and kept apart) and the problem
/// list (step and field names, never keys or the engine's English) are plain Chinese, and the page's own words are
/// English when the language is switched; a phone's page is plain Chinese too. Nothing is saved: the delay added to show problems stays in the browser.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class DesignerPlainWordsTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [BrowserFact]
    public async Task Planner_ReadsTheNationalKeyTaskDesigner_InPlainChinese()
    {
        var page = await OpenAsync("zh-CN");

        // The workflow panel: variable types in words, the stored value Elsa's.
        await Assertions.Expect(page.Locator("#variable-type-0 option[selected]")).Not.ToHaveTextAsync(new Regex("[A-Za-z]"));
        await page.AssertPlainChineseAsync();
        await page.ScreenshotAsync(output, "designer-words-workflow-zh-1366");

        // A selected step: its type and outcomes in words, the technical name labelled.
        await page.Locator("g.canvas-node[data-node=refine1] .node-box").ClickAsync();
        await Assertions.Expect(page.Locator("#designer-properties .node-type")).ToHaveTextAsync("类型: 人工任务");
        await Assertions.Expect(page.Locator("#designer-properties .node-technical-name")).ToContainTextAsync("技术名称（导入导出用）");
        await page.AssertPlainChineseAsync();
        await page.ScreenshotAsync(output, "designer-words-properties-zh-1366");

        // Problems: a delay nothing leads to, without a duration; the palette's schedule in words.
        await Assertions.Expect(page.Locator("#designer-palette [data-type='Elsa.Cron']")).ToContainTextAsync("定时计划（按日程重复）");
        await page.Locator("#designer-palette [data-type='Elsa.Delay']").PressAsync("Enter");
        await Assertions.Expect(page.Locator(".designer-problem[data-activity=delay1]")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator(".designer-problem[data-activity=delay1][data-code=RequiredInputMissing]")).ToHaveTextAsync("延时 · 时长: 必须填写");
        await page.AssertPlainChineseAsync();
        await page.Locator("#designer-problems").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(output, "designer-words-problems-zh-1366");

        // On a phone: the same page, in plain Chinese.
        var phone = await OpenAsync("zh-CN", 390, 844);
        await phone.AssertPlainChineseAsync();
        await phone.ScreenshotAsync(output, "designer-words-workflow-zh-390");
    }

    [BrowserFact]
    public async Task Planner_ReadsTheNationalKeyTaskDesigner_InEnglishWhenSwitched()
    {
        var page = await OpenAsync("en");

        await Assertions.Expect(page.Locator("#variable-type-0 option[selected]")).ToHaveTextAsync("List of texts");
        await page.Locator("g.canvas-node[data-node=refine1] .node-box").ClickAsync();
        await Assertions.Expect(page.Locator("#designer-properties .node-type")).ToHaveTextAsync("Type: Human task");
        await page.Locator("#designer-palette [data-type='Elsa.Delay']").PressAsync("Enter");
        await Assertions.Expect(page.Locator(".designer-problem[data-activity=delay1][data-code=RequiredInputMissing]")).ToHaveTextAsync("Delay · Duration: Required");

        // The steps' names on the canvas are the author's, in one language.
        var text = await page.OwnTextAsync(alsoLeftOut: "#designer-canvas, #canvas-minimap");
        var chinese = Han().Matches(text).Select(m => m.Value).Distinct().ToList();
        Assert.True(chinese.Count == 0, $"Chinese on the English page: {string.Join(", ", chinese)}\n{text}");
        await page.Locator("#designer-problems").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(output, "designer-words-problems-en-1366");
    }

    private async Task<IPage> OpenAsync(string culture, int width = 1366, int height = 768)
    {
        var page = await fixture.NewPageAsync(width, height);
        await page.SignInAsync("ndrc.planner");
        await page.GotoAsync($"culture?culture={culture}&returnUrl=%2Fdesigner%2Fnational-key-task");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.Locator("#designer-canvas g.canvas-node[data-node=refine1]")).ToHaveCountAsync(1);
        return page;
    }

    [GeneratedRegex(@"[\u4e00-\u9fff]+")]
    private static partial Regex Han();
}
