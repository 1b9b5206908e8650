using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AiPlusTasks.Browser.Tests;

/// <summary>
/// The sign-in, the inbox and a task with the keyboard alone: labelled fields, Tab order, Enter and Space, a visible
/// focus ring, and an accessible name on every control.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class KeyboardTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [BrowserFact]
    public async Task SignInAndSwitchView_KeyboardOnly()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("signin");

        // Every field has a label that names it.
        await Assertions.Expect(page.GetByLabel("用户名")).ToHaveIdAsync("username");
        await Assertions.Expect(page.GetByLabel("密码")).ToHaveIdAsync("password");

        await page.Locator("#username").FocusAsync();
        await page.Keyboard.TypeAsync("guangdong.staff");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(BrowserHost.Password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForAddressAsync("/inbox");
        await page.WaitForInteractiveAsync();

        // Tab reaches the view buttons; Space presses one.
        var unclaimed = page.Locator("[data-view=unclaimed]");
        for (var i = 0; i < 30 && !await unclaimed.EvaluateAsync<bool>("e => e === document.activeElement"); i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(unclaimed).ToHaveAttributeAsync("aria-pressed", "true");
        await page.ScreenshotAsync(output, "keyboard-unclaimed");
    }

    [BrowserFact]
    public async Task TaskPage_KeyboardOnly_ClaimFillReportAndSubmit()
    {
        // Arrange: a progress-report task for guangdong (the refine step before it is done with the mouse).
        const string title = "键盘操作 人工智能+教育";
        await fixture.StartGuangdongTaskAsync(title, "browser-tests:keyboard-task");
        var page = await fixture.NewPageAsync();
        await page.SignInAsync("guangdong.staff");
        await page.OpenTaskAsync("细化落实举措", title);
        await page.EnterAsync("#field-measures", "建设人工智能教育示范区");
        await page.ClickAsync("[data-outcome=Submitted]");
        await Assertions.Expect(page.Locator("#next-step")).ToHaveTextAsync("已提交，等待填报。");
        await page.OpenTaskAsync("进度填报", title);
        var taskId = page.PathAndQuery().Split('/')[^1];
        var message = page.Locator("#task-message");

        // Every control has a name, and none jumps the Tab order with a positive tabindex.
        await page.AssertEveryControlNamedAsync();
        await Assertions.Expect(page.Locator("[tabindex]:not([tabindex='0']):not([tabindex^='-'])")).ToHaveCountAsync(0);

        // Claim (optional, and said so): Tab to the button (which shows a focus ring), Enter; the focus stays on it.
        var claim = page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "认领", Exact = true });
        await page.TabToAsync(claim);
        Assert.True(await claim.ShowsFocusRingAsync(), "the focused claim button shows no focus ring");
        await page.ScreenshotAsync(output, "keyboard-task-claim-focused");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(message).ToHaveTextAsync("已认领。");
        Assert.True(await page.Locator("#unclaim").IsFocusedAsync(), $"after claiming, the focus is on {await page.DescribeFocusAsync()}");

        // The Tab order follows the page from top to bottom (a stop never lies above the one before it).
        var stops = await page.TabStopsAsync();
        output.WriteLine("Tab stops: " + string.Join(" → ", stops.Select(s => s.Element)));
        Assert.True(stops.Count > 8, $"only {stops.Count} Tab stops: {string.Join(", ", stops)}");
        for (var i = 1; i < stops.Count; i++)
        {
            Assert.True(stops[i].Top >= stops[i - 1].Top - 12, $"Tab goes up the page from {stops[i - 1]} to {stops[i]}");
        }

        // The step's one form (the progress report), field by field, found by its labels.
        await TypeIntoAsync(page, page.GetByLabel("本期已完成工作"), "完成30所学校的试点部署");
        await TypeIntoAsync(page, page.GetByLabel("下一步工作计划"), "扩大到100所学校");
        await TypeIntoAsync(page, page.GetByLabel("存在的问题"), "算力不足");
        await TypeIntoAsync(page, page.GetByLabel("需要协调支持的事项"), "协调算力券");
        await TypeIntoAsync(page, page.GetByLabel("总体进度（%）"), "40");
        var selfColour = page.GetByLabel("自评状态");
        await page.TabToAsync(selfColour);
        for (var i = 0; i < 3; i++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }

        await Assertions.Expect(selfColour).ToHaveValueAsync("Yellow");
        await TypeIntoAsync(page, page.GetByLabel("按期完成把握（0–10 分）"), "7");

        // The evidence, in the same form (the file dialog is the OS's: the input is reached by Tab, the file set directly).
        var evidence = page.GetByLabel("佐证材料");
        await page.TabToAsync(evidence);
        await evidence.SetInputFilesAsync(new FilePayload { Name = "试点名单.txt", MimeType = "text/plain", Buffer = "广州市第一中学"u8.ToArray() });
        await Assertions.Expect(page.Locator(".evidence-file")).ToContainTextAsync("试点名单.txt");

        // Uploading keeps what was typed; Tab goes on to submit the report.
        await Assertions.Expect(page.GetByLabel("总体进度（%）")).ToHaveValueAsync("40");
        await Assertions.Expect(selfColour).ToHaveValueAsync("Yellow");
        var submit = page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "提交报告", Exact = true });
        await page.TabToAsync(submit);
        await page.ScreenshotAsync(output, "keyboard-task-before-submit");
        await page.Keyboard.PressAsync("Enter");

        // Assert
        await Assertions.Expect(page.Locator("#next-step")).ToHaveTextAsync("已提交报告，等待本单位签发。");
        await Assertions.Expect(page.Locator("#task-state")).ToHaveTextAsync("已完成");
        Assert.NotEqual("body", await page.EvaluateAsync<string>("() => document.activeElement.tagName.toLowerCase()"));
        await page.AssertEveryControlNamedAsync();
        await page.ScreenshotAsync(output, "keyboard-task-submitted");

        // What was typed is what was submitted, and the submission is the case's report with its file.
        var task = await fixture.GetTaskAsync("guangdong.staff", taskId);
        var result = task["result"]!;
        Assert.Equal(40, result["progressPercent"]?.GetValue<double>());
        Assert.Equal("完成30所学校的试点部署", result["done"]?.GetValue<string>());
        Assert.Equal("协调算力券", result["supportNeeded"]?.GetValue<string>());
        Assert.Equal("Yellow", result["selfColour"]?.GetValue<string>());
        Assert.Equal(7, result["confidence"]?.GetValue<double>());
        var report = Assert.Single(task["reports"]!.AsArray())!;
        Assert.Equal("扩大到100所学校", report["next"]?.GetValue<string>());
        Assert.Equal("试点名单.txt", report["evidence"]![0]!["fileName"]?.GetValue<string>());
    }

    /// <summary>Tabs to a field and types into it (after Ctrl+A when <paramref name="replace"/>, to overwrite a value).</summary>
    private static async Task TypeIntoAsync(IPage page, ILocator field, string text, bool replace = false)
    {
        await page.TabToAsync(field);
        if (replace)
        {
            await page.Keyboard.PressAsync("Control+A");
        }

        await page.Keyboard.TypeAsync(text);
    }
}
