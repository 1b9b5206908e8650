using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AiPlusTasks.Browser.Tests;

/// <summary>
/// An agency lead connects the agency's system on the Integrations page — a webhook subscription whose secret shows
/// once, an API key made and revoked — while the agency's staff see the same page without any control.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class IntegrationsTests(BrowserFixture fixture, ITestOutputHelper output)
{
    /// <summary>Accepted when subscribing (a name that does not resolve is checked again at connect time) and never reached.</summary>
    private const string HookUrl = "https://agency-system.invalid/hook";

    private const string Description = "<script>alert(1)</script> 广东省政务办公系统";

    [BrowserFact]
    public async Task Lead_SubscribesSeesSecretOnce_MakesAndRevokesKey_StaffSeesNoControls()
    {
        var lead = await fixture.NewPageAsync();
        await lead.SignInAsync("guangdong.lead");
        await lead.WaitForInteractiveAsync();
        await lead.ClickAsync("#nav-integrations");
        await lead.WaitForAddressAsync("/integrations", endsWith: true);
        await Assertions.Expect(lead.Locator("h1")).ToHaveTextAsync("系统对接");

        // A loopback URL is refused (the browser host does not allow loopback) and the reason shows under the field.
        await lead.EnterAsync("#webhook-url", "http://127.0.0.1:9/hook");
        await lead.ClickAsync("#webhook-create-button");
        await Assertions.Expect(lead.Locator("#webhook-create")).ToContainTextAsync("loopback");
        await Assertions.Expect(lead.Locator("#webhook-secret")).ToHaveCountAsync(0);

        await lead.EnterAsync("#webhook-url", HookUrl);
        await lead.EnterAsync("#webhook-description", Description);
        await lead.ClickAsync("#webhook-create-button");

        // Creating resolves the host (the SSRF check); the sandbox's resolver can take its 5 s timeout under load.
        await Assertions.Expect(lead.Locator("#webhook-secret")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(lead.Locator("#webhook-secret-value")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^whsec_.{40,}$"));
        await Assertions.Expect(lead.Locator("#webhook-secret")).ToContainTextAsync("只显示这一次");
        await Assertions.Expect(lead.Locator(".webhook-url", new PageLocatorOptions { HasTextString = HookUrl })).ToHaveCountAsync(1);
        await Assertions.Expect(lead.Locator(".webhook-description")).ToHaveTextAsync(Description);
        await Assertions.Expect(lead.Locator(".webhook-status")).ToHaveTextAsync("启用中");
        await lead.ScreenshotAsync(output, "integrations-secret-once");

        await lead.ReloadAsync();
        await lead.WaitForInteractiveAsync();
        await Assertions.Expect(lead.Locator(".webhook-url", new PageLocatorOptions { HasTextString = HookUrl })).ToHaveCountAsync(1);
        await Assertions.Expect(lead.Locator("#webhook-secret")).ToHaveCountAsync(0);
        Assert.DoesNotContain("whsec_", await lead.ContentAsync(), StringComparison.Ordinal);

        await lead.EnterAsync("#api-key-name", "guangdong-oa");
        await lead.ClickAsync("#api-key-create-button");
        await Assertions.Expect(lead.Locator("#api-key-secret-value")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^apt_[A-Za-z0-9_-]{43}$"));
        var keyRow = lead.Locator("#api-key-list tbody tr", new PageLocatorOptions { HasTextString = "guangdong-oa" });
        await Assertions.Expect(keyRow.Locator(".api-key-status")).ToContainTextAsync("有效");
        await lead.ScreenshotAsync(output, "integrations-api-key-once");

        await keyRow.Locator("button.api-key-revoke").ClickAsync();
        await lead.Locator(".mud-dialog").GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "吊销" }).ClickAsync();
        await Assertions.Expect(keyRow.Locator(".api-key-status")).ToContainTextAsync("已吊销");
        await Assertions.Expect(keyRow.Locator("button.api-key-revoke")).ToHaveCountAsync(0);
        await lead.ScreenshotAsync(output, "integrations-api-key-revoked");

        var staff = await fixture.NewPageAsync();
        await staff.SignInAsync("guangdong.staff");
        await staff.WaitForInteractiveAsync();
        await Assertions.Expect(staff.Locator("#nav-integrations")).ToHaveCountAsync(0);
        await staff.GotoAsync("integrations");
        await staff.WaitForInteractiveAsync();
        await Assertions.Expect(staff.Locator(".webhook-url", new PageLocatorOptions { HasTextString = HookUrl })).ToHaveCountAsync(1);
        await Assertions.Expect(staff.Locator("#api-keys-leads-only")).ToBeVisibleAsync();
        await Assertions.Expect(staff.Locator("#webhook-create")).ToHaveCountAsync(0);
        await Assertions.Expect(staff.Locator("#api-key-create")).ToHaveCountAsync(0);
        await Assertions.Expect(staff.Locator("main button")).ToHaveCountAsync(0);
        await staff.ScreenshotAsync(output, "integrations-staff-read-only");

        await lead.ClickAsync(".webhook-deliveries-link");
        await lead.WaitForAddressAsync("/integrations/webhooks/whs_");
        await Assertions.Expect(lead.Locator("h1")).ToHaveTextAsync("投递记录");
        await Assertions.Expect(lead.Locator(".webhook-url")).ToHaveTextAsync(HookUrl);
        await lead.ClickAsync("#delivery-filter [data-state=Failed]");
        await Assertions.Expect(lead.Locator("#delivery-filter [data-state=Failed]")).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(lead.Locator("#delivery-empty")).ToBeVisibleAsync();
        await lead.ClickAsync("#back-to-integrations");
        await lead.WaitForAddressAsync("/integrations", endsWith: true);

        // The lead deletes the subscription (after confirming), so no other test's events go to it.
        await lead.Locator("button.webhook-delete").ClickAsync();
        await lead.Locator(".mud-dialog").GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "删除" }).ClickAsync();
        await Assertions.Expect(lead.Locator("#webhook-empty")).ToBeVisibleAsync();
    }
}
