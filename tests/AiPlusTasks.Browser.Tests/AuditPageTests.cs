using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AiPlusTasks.Browser.Tests;

/// <summary>The audit page (审计日志) in Chromium, as the NDRC auditor: search, the export link, the chain check.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AuditPageTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [BrowserFact]
    public async Task Auditor_SearchesTheirOwnSignIns_ExportsThemAndVerifiesTheChain_InChineseAndEnglish()
    {
        // Arrange: the auditor's own sign-in is on the trail; the nav leads to the page.
        var page = await fixture.NewPageAsync(1366, 768);
        await page.SignInAsync("ndrc.auditor");
        await page.GotoAsync("inbox");
        await page.WaitForInteractiveAsync();
        await page.ClickAsync("#nav-audit");
        await page.WaitForAddressAsync("audit", endsWith: true);
        await page.WaitForInteractiveAsync();

        // Act: search by part of the auditor's name.
        await page.EnterAsync("#audit-actor", "审计人员");
        await page.ClickAsync("#audit-search");

        // Assert: their sign-in (the session it started), in words, by name, China time; the export link carries the filter and answers CSV.
        var signIn = page.Locator("#audit-list tr").Filter(new LocatorFilterOptions { HasTextString = "建立会话" }).First;
        await Assertions.Expect(signIn).ToContainTextAsync("审计人员");
        await Assertions.Expect(signIn.Locator(".audit-outcome")).ToHaveTextAsync("成功");
        // The unfiltered list may show that line already: wait for the search's answer, whose export link carries the filter.
        await Assertions.Expect(page.Locator("#audit-export")).ToHaveAttributeAsync("href", new Regex("actor="));
        var href = await page.Locator("#audit-export").GetAttributeAsync("href");
        Assert.Contains("api/audit/export.csv", href, StringComparison.Ordinal);
        Assert.Contains("actor=", href, StringComparison.Ordinal);
        var export = await page.APIRequest.GetAsync(new Uri(new Uri(page.Url), href).ToString());
        Assert.Equal(200, export.Status);
        var csv = await export.TextAsync();
        Assert.Contains("建立会话", csv, StringComparison.Ordinal);
        Assert.Contains("审计人员", csv, StringComparison.Ordinal);

        await page.ClickAsync("#audit-verify");
        await Assertions.Expect(page.Locator("#audit-verification")).ToContainTextAsync("留痕完整");
        await page.AssertPlainChineseAsync();
        await page.ScreenshotAsync(output, "audit-auditor-1366");
        await page.SetViewportSizeAsync(390, 844);
        await page.AssertFitsAsync();
        await page.ScreenshotAsync(output, "audit-auditor-390");

        await page.ClickAsync("#menu-button");
        await page.ClickAsync("#menu-language-switch");
        await page.WaitForAddressAsync("audit");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Audit trail");
        await page.ScreenshotAsync(output, "audit-auditor-en-390");
        await page.SetViewportSizeAsync(1366, 768);
        await page.EnterAsync("#audit-actor", "auditor");
        await page.ClickAsync("#audit-search");
        await Assertions.Expect(page.Locator("#audit-list")).ToContainTextAsync("Session started");
        await page.ScreenshotAsync(output, "audit-auditor-en-1366");
    }

    [BrowserFact]
    public async Task AgencyLead_OpensAudit_IsRefusedAndHasNoLink()
    {
        var page = await fixture.NewPageAsync(1366, 768);
        await page.SignInAsync("guangdong.lead");
        await page.GotoAsync("audit");
        await page.WaitForInteractiveAsync();

        await Assertions.Expect(page.Locator("#audit-filters")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#nav-audit")).ToHaveCountAsync(0);
    }
}
