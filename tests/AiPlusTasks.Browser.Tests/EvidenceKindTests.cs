using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AiPlusTasks.Browser.Tests;

/// <summary>An evidence file of a kind not accepted is refused on the task page, in the user's words, and not listed.</summary>
[Collection(BrowserCollection.Name)]
public sealed class EvidenceKindTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private static readonly FilePayload HtmlPage = new() { Name = "通知.html", MimeType = "text/html", Buffer = "<script>alert(1)</script>"u8.ToArray() };

    [BrowserFact]
    [Trait("Category", "Security")]
    public async Task TaskPage_FileOfAKindNotAccepted_IsRefusedNamingTheKinds()
    {
        // Arrange: guangdong's report step, opened at desk size.
        const string title = "佐证类型 人工智能+交通";
        await fixture.StartGuangdongTaskAsync(title, "browser-tests:evidence-kind");
        var page = await fixture.NewPageAsync(1366, 768);
        await page.SignInAsync("guangdong.staff");
        await page.OpenTaskAsync("细化落实举措", title);
        await page.EnterAsync("#field-measures", "智能交通信号先行");
        await page.ClickAsync("[data-outcome=Submitted]");
        await Assertions.Expect(page.Locator("#next-step")).ToHaveTextAsync("已提交，等待填报。");
        await page.OpenTaskAsync("进度填报", title);
        var evidence = page.Locator("#field-evidence");
        await Assertions.Expect(evidence).ToHaveAttributeAsync("accept", new System.Text.RegularExpressions.Regex(@"^\.pdf,\.ofd,.*\.zip$"));

        // Act: an HTML page as evidence.
        await evidence.SetInputFilesAsync(HtmlPage);

        // Assert: refused in words that name what is accepted; nothing listed.
        var message = page.Locator("#task-message");
        await Assertions.Expect(message).ToContainTextAsync("只能上传 PDF、OFD、Word、Excel、PowerPoint、WPS 文档");
        await Assertions.Expect(page.Locator("[data-field=evidence] .evidence-file")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(output, "evidence-kind-refused-zh-1366");
        await page.SetViewportSizeAsync(390, 844);
        await message.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(output, "evidence-kind-refused-zh-390");

        // The same in English.
        await page.SetViewportSizeAsync(1366, 768);
        await page.GotoAsync($"culture?culture=en&returnUrl={Uri.EscapeDataString(new Uri(page.Url).AbsolutePath)}");
        await page.WaitForInteractiveAsync();
        await page.Locator("#field-evidence").SetInputFilesAsync(HtmlPage);
        await Assertions.Expect(message).ToContainTextAsync("only PDF, OFD, Word, Excel, PowerPoint and WPS documents");
        await page.ScreenshotAsync(output, "evidence-kind-refused-en-1366");
        await page.SetViewportSizeAsync(390, 844);
        await message.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(output, "evidence-kind-refused-en-390");
    }
}
