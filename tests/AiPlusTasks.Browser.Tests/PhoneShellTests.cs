using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AiPlusTasks.Browser.Tests;

/// <summary>
/// The shell on a phone (390 × 844) and a desktop (1366 × 768): the top bar, its menu, the inbox rows, and names instead
/// of codes. Qinghai's inbox is this class's own (no other test gives qinghai work), so what it shows is known.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class PhoneShellTests(BrowserFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Province = "qinghai";
    private const string TaskName = "手机测试 人工智能+生态监测";

    /// <summary>Where the issue's screenshots go (looked at by people, not asserted).</summary>
    private const string ShotFolder = "/tmp/shots";

    /// <summary>Visible text no zh-CN page may carry: a word in Latin letters (English or a code such as miit, action.industry).</summary>
    [GeneratedRegex(@"[A-Za-z]{2,}")]
    private static partial Regex LatinWord();

    public async Task InitializeAsync()
    {
        if (Chromium.SkipReason is null && !_started)
        {
            _started = true;
            await fixture.StartProvinceTaskAsync(Province, TaskName, "browser-tests:phone-shell");
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static bool _started;

    [BrowserFact]
    public async Task PhoneBar_Staff_ShowsTitleAndMenuWithoutOverflow_AndSignsOutFromTheMenu()
    {
        // Arrange
        var page = await PhonePageAsync();
        await page.SignInAsync($"{Province}.staff");
        await page.WaitForInteractiveAsync();

        // Assert: the bar holds the title and the menu button, nothing sticks out of it or the page
        await Assertions.Expect(page.Locator("#menu-button")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#signout")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#nav-inbox")).ToBeHiddenAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => { const bar = document.querySelector('.app-bar .mud-toolbar'); return bar.scrollWidth <= bar.clientWidth; }"), "the top bar overflows");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways");
        var bar = await page.Locator(".app-bar").BoundingBoxAsync();
        Assert.InRange(bar!.Height, 40, 72);

        // Act: open the menu
        await page.ClickAsync("#menu-button");

        // Assert: the menu names the user and holds the links, the language switch and 退出登录
        var menu = page.Locator("#app-menu");
        await Assertions.Expect(menu.Locator("#menu-signed-in-user")).ToHaveTextAsync("青海省 工作人员");
        await Assertions.Expect(menu.Locator("#menu-nav-inbox")).ToBeVisibleAsync();
        await Assertions.Expect(menu.Locator("#menu-language-switch")).ToBeVisibleAsync();
        await Assertions.Expect(menu.Locator("#menu-signout")).ToHaveTextAsync("退出登录");
        await Assertions.Expect(menu.Locator("#menu-signout")).ToBeInViewportAsync(new LocatorAssertionsToBeInViewportOptions { Ratio = 1 });
        await Assertions.Expect(menu.Locator("#menu-signed-in-user")).ToBeInViewportAsync(new LocatorAssertionsToBeInViewportOptions { Ratio = 1 });
        await page.WaitForTimeoutAsync(400); // the drawer's slide-in transition, for the screenshot
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ShotFolder, "shell-menu-390-zh.png") });

        // Act: sign out from the menu
        await page.ClickAsync("#menu-signout");

        // Assert
        await page.WaitForAddressAsync("/signin");
        await page.GotoAsync("inbox");
        await page.WaitForAddressAsync("/signin");
    }

    [BrowserFact]
    public async Task PhoneInbox_Staff_RowsAreThreeLineCardsWithNames()
    {
        // Arrange
        var page = await PhonePageAsync();
        await page.SignInAsync($"{Province}.staff");
        await page.WaitForInteractiveAsync();

        // Act
        var row = page.Locator("#inbox-list tbody tr", new PageLocatorOptions { HasTextString = TaskName });

        // Assert: title; agency · due; chips — and no more
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator(".task-agency")).ToHaveTextAsync("青海省");
        await Assertions.Expect(row.Locator(".cell-due")).ToContainTextAsync("天后");
        await Assertions.Expect(row.Locator(".task-state")).ToHaveTextAsync("待办");
        await Assertions.Expect(row.Locator(".task-colour")).ToBeVisibleAsync();
        await Assertions.Expect(row.Locator(".cell-pillar")).ToBeHiddenAsync();
        await Assertions.Expect(row.Locator(".cell-lead")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#inbox-list thead")).ToBeHiddenAsync();
        var box = await row.BoundingBoxAsync();
        Assert.InRange(box!.Width, 300, 390);
        Assert.InRange(box.Height, 50, 130);
        var title = await row.Locator(".task-title").BoundingBoxAsync();
        var agency = await row.Locator(".task-agency").BoundingBoxAsync();
        var state = await row.Locator(".task-state").BoundingBoxAsync();
        Assert.True(title!.Y < agency!.Y && agency.Y < state!.Y, $"expected title, agency and chips on successive lines: {title.Y}, {agency.Y}, {state!.Y}");

        // The view buttons stay on one line that scrolls sideways.
        var views = await page.Locator("#inbox-views").BoundingBoxAsync();
        Assert.InRange(views!.Height, 20, 60);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ShotFolder, "shell-inbox-390-zh.png"), FullPage = true });
    }

    [BrowserFact]
    public async Task PhoneInbox_Chinese_ShowsNoCodeOrEnglishWord()
    {
        // Arrange
        var page = await PhonePageAsync();
        await page.SignInAsync($"{Province}.staff");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.Locator("#inbox-list .task-title", new PageLocatorOptions { HasTextString = TaskName })).ToHaveCountAsync(1);

        // Act: the text a person sees (elements that say they are another language — the language switch — aside)
        var text = await VisibleTextAsync(page);

        // Assert
        Assert.Contains("青海省", text, StringComparison.Ordinal);
        Assert.Contains("细化落实举措：" + TaskName, text, StringComparison.Ordinal);
        var latin = LatinWord().Matches(text).Select(m => m.Value).Distinct().ToList();
        Assert.True(latin.Count == 0, $"Latin words on the zh-CN inbox: {string.Join(", ", latin)}\n{text}");
    }

    [BrowserFact]
    public async Task DesktopBar_Staff_KeepsTheLinksAndTheNameInOneLine()
    {
        // Arrange
        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(1366, 768);

        // Act
        await page.SignInAsync($"{Province}.staff");
        await page.WaitForInteractiveAsync();

        // Assert
        await Assertions.Expect(page.Locator("#menu-button")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#nav-inbox")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#signed-in-user")).ToHaveTextAsync("青海省 工作人员");
        await Assertions.Expect(page.Locator("#signout")).ToBeVisibleAsync();
        var bar = await page.Locator(".app-bar").BoundingBoxAsync();
        Assert.InRange(bar!.Height, 40, 72);
        var link = await page.Locator("#nav-inbox").BoundingBoxAsync();
        var signOut = await page.Locator("#signout").BoundingBoxAsync();
        Assert.True(Math.Abs(link!.Y + (link.Height / 2) - (signOut!.Y + (signOut.Height / 2))) < 8, "the links and 退出登录 are not on one line");
        await Assertions.Expect(page.Locator("#inbox-list thead")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ShotFolder, "shell-inbox-1366-zh.png"), FullPage = true });
    }

    [BrowserFact]
    public async Task Screenshots_InboxAndDashboard_PhoneAndDesktop_ChineseAndEnglish()
    {
        foreach (var (width, height) in new[] { (1366, 768), (390, 844) })
        {
            foreach (var english in new[] { false, true })
            {
                var language = english ? "en" : "zh";
                var staff = await fixture.NewPageAsync();
                await staff.SetViewportSizeAsync(width, height);
                await staff.SignInAsync($"{Province}.staff");
                await UseLanguageAsync(staff, english, "/inbox");
                await Assertions.Expect(staff.Locator("#inbox-list .task-title", new PageLocatorOptions { HasTextString = english ? "Refine measures: " : "细化落实举措：" })).ToHaveCountAsync(1);
                await staff.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ShotFolder, $"shell-inbox-{width}-{language}.png"), FullPage = true });

                var planner = await fixture.NewPageAsync();
                await planner.SetViewportSizeAsync(width, height);
                await planner.SignInAsync("ndrc.planner");
                await UseLanguageAsync(planner, english, "/dashboard");
                await Assertions.Expect(planner.Locator("#heatmap")).ToBeVisibleAsync();
                if (!english)
                {
                    await Assertions.Expect(planner.Locator("#heatmap tbody")).ToContainTextAsync("青海省"); // agencies are the rows
                }

                await planner.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ShotFolder, $"shell-dashboard-{width}-{language}.png"), FullPage = true });
                output.WriteLine($"screenshots {width} {language} taken");
            }
        }
    }

    private async Task<IPage> PhonePageAsync()
    {
        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        return page;
    }

    /// <summary>Switches to English through <c>/culture</c> (the language cookie), then opens <paramref name="path"/>.</summary>
    private static async Task UseLanguageAsync(IPage page, bool english, string path)
    {
        if (english)
        {
            await page.GotoAsync($"culture?culture=en&returnUrl={Uri.EscapeDataString(path)}");
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        }
        else
        {
            await page.GotoAsync(path.TrimStart('/'));
        }

        await page.WaitForInteractiveAsync();
    }

    /// <summary>The text of every visible element inside the viewport's width, outside elements marked as another language.</summary>
    private static async Task<string> VisibleTextAsync(IPage page)
    {
        var texts = await page.EvaluateAsync<JsonElement>("""
            () => {
              const out = [];
              const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
              while (walker.nextNode()) {
                const node = walker.currentNode;
                const el = node.parentElement;
                if (!el || !node.nodeValue.trim()) continue;
                if (el.closest('script,style,[lang]:not(html)')) continue;
                const style = getComputedStyle(el);
                if (style.visibility === 'hidden' || style.display === 'none') continue;
                const r = el.getBoundingClientRect();
                if (r.width === 0 || r.height === 0 || r.right <= 0 || r.left >= window.innerWidth) continue;
                out.push(node.nodeValue.trim());
              }
              return out;
            }
            """);
        return string.Join("\n", texts.EnumerateArray().Select(t => t.GetString()));
    }
}
