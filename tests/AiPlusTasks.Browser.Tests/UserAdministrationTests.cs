using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AiPlusTasks.Browser.Tests;

/// <summary>
/// User administration at <c>/users</c> (issue 17): an agency lead creates an account of the own agency and sees its
/// one-time password once, resets and disables it; an NDRC administrator sees every agency and grants NDRC roles; agency
/// staff find no menu entry and are refused the page. Screenshots at 1366 × 768 and 390 wide in both languages.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Security")]
public sealed class UserAdministrationTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private static readonly Regex OneTimePassword = new("^[A-Za-z2-9]{16}$");

    [BrowserFact]
    public async Task Lead_CreatesAnAccountSeesItsPasswordOnce_ResetsAndDisablesIt_StaffIsRefused()
    {
        var lead = await fixture.NewPageAsync();
        await lead.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await lead.SignInAsync("guangdong.lead");
        await lead.WaitForInteractiveAsync();
        await lead.ClickAsync("#nav-users");
        await lead.WaitForAddressAsync("/users", endsWith: true);
        await lead.WaitForInteractiveAsync();
        await Assertions.Expect(lead.Locator("h1")).ToHaveTextAsync("用户管理");

        // Only the own agency's accounts, and no agency filter.
        await Assertions.Expect(lead.Locator("#user-list tbody tr", new() { HasTextString = "guangdong.staff" })).ToHaveCountAsync(1);
        foreach (var agency in await lead.Locator("#user-list .user-agency").AllTextContentsAsync())
        {
            Assert.Equal("广东省", agency.Trim());
        }

        await Assertions.Expect(lead.Locator("#user-filter-agency")).ToHaveCountAsync(0);

        // The create dialog offers the agency roles only; a malformed login name is explained under its field.
        await lead.ClickAsync("#user-create");
        var dialog = lead.Locator(".mud-dialog");
        await Assertions.Expect(dialog.Locator("#user-agency-fixed")).ToContainTextAsync("广东省");
        await Assertions.Expect(dialog.Locator("[data-role]")).ToHaveCountAsync(2);
        await Assertions.Expect(dialog.Locator("[data-role=ndrc-admin]")).ToHaveCountAsync(0);
        await lead.EnterAsync("#user-username", "LiMing");
        await lead.EnterAsync("#user-display-name", "李明");
        await lead.ClickAsync("#user-create-submit");
        await Assertions.Expect(dialog).ToContainTextAsync("登录名须为3至64位小写字母");
        await lead.EnterAsync("#user-username", "guangdong.liming");
        await lead.ClickAsync("#user-create-submit");

        await Assertions.Expect(lead.Locator("#one-time-password-value")).ToHaveValueAsync(OneTimePassword);
        var password = await lead.Locator("#one-time-password-value").InputValueAsync();
        await Assertions.Expect(lead.Locator("#one-time-password-username")).ToHaveTextAsync("guangdong.liming");
        await Assertions.Expect(lead.Locator("#one-time-password-once")).ToContainTextAsync("只显示这一次");
        await lead.ClickAsync("#one-time-password-copy");
        await Assertions.Expect(lead.Locator("#one-time-password-copy")).ToContainTextAsync("已复制");
        Assert.Equal(password, await lead.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        await lead.ScreenshotAsync(output, "users-lead-created-password-1280-zh");
        await lead.ClickAsync("#user-password-done");
        await Assertions.Expect(lead.Locator("#one-time-password-value")).ToHaveCountAsync(0);
        await Assertions.Expect(lead.Locator("#users-message")).ToContainTextAsync("已创建李明的账号");

        var row = lead.Locator("#user-list tbody tr", new() { HasTextString = "guangdong.liming" });
        await Assertions.Expect(row.Locator(".user-status")).ToHaveTextAsync("待改密");
        await Assertions.Expect(row.Locator(".user-roles")).ToHaveTextAsync("工作人员");
        Assert.DoesNotContain(password, await lead.ContentAsync(), StringComparison.Ordinal);

        // Reset: asked first, then the new password once.
        await row.Locator("button.user-reset").ClickAsync();
        await Assertions.Expect(dialog).ToContainTextAsync("原来的密码立即失效");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "重置密码" }).ClickAsync();
        await Assertions.Expect(lead.Locator("#one-time-password-value")).ToHaveValueAsync(OneTimePassword);
        Assert.NotEqual(password, await lead.Locator("#one-time-password-value").InputValueAsync());
        await lead.ClickAsync("#user-password-done");

        // Edit: the roles change in words.
        await row.Locator("button.user-edit").ClickAsync();
        await dialog.Locator("[data-role=agency-lead]").Locator("xpath=descendant-or-self::input").CheckAsync();
        await lead.ClickAsync("#user-edit-save");
        await Assertions.Expect(row.Locator(".user-roles")).ToHaveTextAsync("单位负责人、工作人员");

        // Disable after confirming; the row offers 启用 instead.
        await row.Locator("button.user-disable").ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "停用" }).ClickAsync();
        await Assertions.Expect(row.Locator(".user-status")).ToHaveTextAsync("已停用");
        await Assertions.Expect(row.Locator("button.user-enable")).ToHaveCountAsync(1);
        await lead.ScreenshotAsync(output, "users-lead-after-disable-1280-zh");

        // Staff: no menu entry, and the page is refused as the API refuses it.
        var staff = await fixture.NewPageAsync();
        await staff.SignInAsync("guangdong.staff");
        await staff.WaitForInteractiveAsync();
        await Assertions.Expect(staff.Locator("#nav-users")).ToHaveCountAsync(0);
        await staff.GotoAsync("users");
        await Assertions.Expect(staff.Locator("#forbidden")).ToBeVisibleAsync();
        await Assertions.Expect(staff.Locator("#user-list")).ToHaveCountAsync(0);
    }

    [BrowserFact]
    public async Task Administrator_SeesEveryAgency_FiltersByAgency_GrantsNdrcRoles()
    {
        var admin = await fixture.NewPageAsync();
        await admin.SignInAsync("ndrc.admin");
        await admin.WaitForInteractiveAsync();
        await admin.ClickAsync("#nav-users");
        await admin.WaitForAddressAsync("/users", endsWith: true);
        await admin.WaitForInteractiveAsync();
        await Assertions.Expect(admin.Locator("#user-count")).ToContainTextAsync("共");

        await admin.ClickAsync("#user-create");
        var dialog = admin.Locator(".mud-dialog");
        await Assertions.Expect(dialog.Locator("[data-role]")).ToHaveCountAsync(6);
        await admin.EnterAsync("#user-username", "ndrc.wangfang");
        await admin.EnterAsync("#user-display-name", "王芳");
        await admin.FillAsync("#user-agency", "国家发展");
        await admin.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = "国家发展和改革委员会" }).ClickAsync();
        await dialog.Locator("[data-role=agency-staff]").Locator("xpath=descendant-or-self::input").UncheckAsync();
        await dialog.Locator("[data-role=ndrc-planner]").Locator("xpath=descendant-or-self::input").CheckAsync();
        await admin.ClickAsync("#user-create-submit");
        await Assertions.Expect(admin.Locator("#one-time-password-value")).ToHaveValueAsync(OneTimePassword);
        await admin.ClickAsync("#user-password-done");

        await admin.FillAsync("#user-search", "王芳");
        await admin.DispatchEventAsync("#user-search", "change");
        var row = admin.Locator("#user-list tbody tr", new() { HasTextString = "ndrc.wangfang" });
        await Assertions.Expect(row.Locator(".user-roles")).ToHaveTextAsync("规划人员");
        await Assertions.Expect(row.Locator(".user-agency")).ToHaveTextAsync("国家发展和改革委员会");

        // The agency filter (an autocomplete of the directory's names) keeps to one agency.
        await admin.FillAsync("#user-search", "");
        await admin.DispatchEventAsync("#user-search", "change");
        await admin.FillAsync("#user-filter-agency", "湖北");
        await admin.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = "湖北省" }).ClickAsync();
        await Assertions.Expect(admin.Locator("#user-list tbody tr")).ToHaveCountAsync(2);
        foreach (var agency in await admin.Locator("#user-list .user-agency").AllTextContentsAsync())
        {
            Assert.Equal("湖北省", agency.Trim());
        }
    }

    [BrowserTheory]
    [InlineData(1366, 768)]
    [InlineData(390, 844)]
    public async Task Lead_SeesStaffContactMasked_ReplacesTheMobileNumber_SeesTheOwnInFull(int width, int height)
    {
        var staffLogin = width < 600 ? "hubei.staff" : "guangdong.staff";
        var lead = await fixture.NewPageAsync(width, height);
        await lead.SignInAsync(width < 600 ? "hubei.lead" : "guangdong.lead");
        await lead.GotoAsync("users");
        await lead.WaitForInteractiveAsync();

        var staff = lead.Locator("#user-list tbody tr", new() { HasTextString = staffLogin });
        await Assertions.Expect(staff.Locator(".user-email")).ToHaveTextAsync(new Regex(@"^[a-z]{2}\*\*\*@example\.gov\.cn$"));
        await Assertions.Expect(staff.Locator(".user-mobile")).ToHaveTextAsync(new Regex(@"^138\*\*\*\*\d{4}$"));
        var own = lead.Locator("#user-list tbody tr", new() { HasTextString = "（本人）" });
        await Assertions.Expect(own.Locator(".user-email")).ToHaveTextAsync(new Regex(@"^[a-z]+\.lead@example\.gov\.cn$"));

        // The masked values are not in the fields: they are shown under them, and an empty field keeps them.
        await staff.Locator("button.user-edit").ClickAsync();
        var dialog = lead.Locator(".mud-dialog");
        await Assertions.Expect(lead.Locator("#user-edit-mobile")).ToHaveValueAsync("");
        await Assertions.Expect(dialog).ToContainTextAsync("为保护个人信息");
        await lead.EnterAsync("#user-edit-mobile", "139 1234");
        await lead.ClickAsync("#user-edit-save");
        await Assertions.Expect(dialog).ToContainTextAsync("请填写11位中国大陆手机号码");
        await lead.ScreenshotAsync(output, $"users-lead-edit-contact-{width}-zh");
        await lead.EnterAsync("#user-edit-mobile", "139 1234 5678");
        await lead.ClickAsync("#user-edit-save");
        await Assertions.Expect(staff.Locator(".user-mobile")).ToHaveTextAsync("139****5678");
        await Assertions.Expect(staff.Locator(".user-email")).ToHaveTextAsync(new Regex(@"^[a-z]{2}\*\*\*@example\.gov\.cn$"));
        Assert.DoesNotContain("13912345678", await lead.ContentAsync(), StringComparison.Ordinal);
        await lead.ScreenshotAsync(output, $"users-lead-contact-{width}-zh");
    }

    [BrowserFact]
    public async Task Screenshots_AdministratorAndLead_PhoneAndDesktop_ChineseAndEnglish()
    {
        foreach (var who in new[] { "ndrc.admin", "guangdong.lead" })
        {
            foreach (var (width, height) in new[] { (1366, 768), (390, 844) })
            {
                foreach (var english in new[] { false, true })
                {
                    var language = english ? "en" : "zh";
                    var page = await fixture.NewPageAsync(width, height);
                    await page.SignInAsync(who);
                    if (english)
                    {
                        await page.GotoAsync($"culture?culture=en&returnUrl={Uri.EscapeDataString("/users")}");
                    }
                    else
                    {
                        await page.GotoAsync("users");
                    }

                    await page.WaitForInteractiveAsync();
                    await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(english ? "Users" : "用户管理");
                    await Assertions.Expect(page.Locator("#user-list tbody tr").First).ToBeVisibleAsync();
                    var body = await page.Locator("#user-list tbody").TextContentAsync() ?? "";
                    Assert.DoesNotContain("agency-staff", body, StringComparison.Ordinal);
                    if (width < 600)
                    {
                        // Cards on a phone: no header row, nothing wider than the screen.
                        await Assertions.Expect(page.Locator("#user-list thead")).ToBeHiddenAsync();
                        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
                        Assert.True(scrollWidth <= width, $"the page is {scrollWidth} px wide on a {width} px screen");
                    }

                    var name = $"users-{who.Replace('.', '-')}-{width}-{language}";
                    await page.ScreenshotAsync(output, name);
                    await page.ClickAsync("#user-create");
                    await Assertions.Expect(page.Locator(".mud-dialog #user-username")).ToBeVisibleAsync();
                    await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Ui.ScreenshotFolder, name + "-create.png") });
                    await page.Context.CloseAsync();
                }
            }
        }
    }
}
