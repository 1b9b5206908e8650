using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AiPlusTasks.Browser.Tests;

/// <summary>What the tests do in the browser again and again: sign in, wait for the interactive circuit, screenshots.</summary>
public static class Ui
{
    /// <summary>Screenshots go to <c>screenshots/</c> in the test output folder.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>
    /// Waits until Blazor has made the page interactive. Pages other than sign-in run in the interactive server mode, so
    /// the prerendered HTML is replaced when the circuit starts: until then buttons (the inbox views) do nothing.
    /// Ready means blazor.web.js is loaded and the prerender markers it replaces (<c>&lt;!--Blazor:…--&gt;</c>, then
    /// <c>&lt;!--bl-root--&gt;</c>) are gone.
    /// </summary>
    public static Task WaitForInteractiveAsync(this IPage page) =>
        page.WaitForFunctionAsync("""
            () => {
              if (typeof window.Blazor !== 'object') return false;
              const walker = document.createTreeWalker(document, NodeFilter.SHOW_COMMENT);
              while (walker.nextNode()) {
                const text = walker.currentNode.nodeValue;
                if (text === 'bl-root' || text.startsWith('Blazor:')) return false;
              }
              return true;
            }
            """);

    /// <summary>Opens <c>/signin</c> (unless already there), signs in and waits for the redirect away from it.</summary>
    public static async Task SignInAsync(this IPage page, string username, string password = BrowserHost.Password)
    {
        if (!new Uri(page.Url, UriKind.RelativeOrAbsolute).ToString().Contains("/signin", StringComparison.Ordinal))
        {
            await page.GotoAsync("signin");
        }

        // The sign-in page is plain HTML (no circuit), so it can be filled as soon as it loads.
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", password);
        var signInPage = page.Url;
        await page.ClickAsync("#signin");
        await page.WaitForURLAsync(url => url != signInPage);
    }

    /// <summary>
    /// Waits until the page's address contains <paramref name="part"/> (<paramref name="endsWith"/>: ends with it). Blazor
    /// moves between pages with <c>history.pushState</c>, not a document load, so this polls the address rather than
    /// waiting for a navigation event that may have passed already.
    /// </summary>
    public static Task WaitForAddressAsync(this IPage page, string part, bool endsWith = false) =>
        Assertions.Expect(page).ToHaveURLAsync(
            new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(part) + (endsWith ? "$" : "")),
            new PageAssertionsToHaveURLOptions { Timeout = 15_000 });

    /// <summary>Opens the inbox and, from it, the task whose title contains every one of <paramref name="titleParts"/>; waits until it is interactive.</summary>
    public static async Task OpenTaskAsync(this IPage page, params string[] titleParts)
    {
        await page.GotoAsync("inbox");
        await page.WaitForInteractiveAsync();
        var link = page.Locator("#inbox-list .task-title");
        foreach (var part in titleParts)
        {
            link = link.Filter(new LocatorFilterOptions { HasTextString = part });
        }

        await link.ClickAsync();
        await page.WaitForAddressAsync("/tasks/");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.Locator("#task-title")).ToContainTextAsync(titleParts[^1]);
    }

    /// <summary>Types into a field and commits it (Blazor binds on <c>change</c>, which typing alone does not fire).</summary>
    public static async Task EnterAsync(this IPage page, string selector, string value)
    {
        await page.FillAsync(selector, value);
        await page.DispatchEventAsync(selector, "change");
    }

    /// <summary>Types into a field found by a locator and commits it, as <see cref="EnterAsync(IPage, string, string)"/> does.</summary>
    public static async Task EnterAsync(this ILocator field, string value)
    {
        await field.FillAsync(value);
        await field.DispatchEventAsync("change");
    }

    /// <summary>Saves a full-page screenshot as <c>screenshots/{name}.png</c> and writes its path to the test output.</summary>
    public static async Task<string> ScreenshotAsync(this IPage page, ITestOutputHelper output, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var path = Path.Combine(ScreenshotFolder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}");
        return path;
    }

    /// <summary>The path and query of the page's URL, e.g. <c>/signin?failed=true&amp;…</c>.</summary>
    public static string PathAndQuery(this IPage page) => new Uri(page.Url).PathAndQuery;

    /// <summary>With the keyboard: Tab to an agency autocomplete, type part of a name, arrow down to the one agency it offers, Enter.</summary>
    public static async Task ChooseAgencyAsync(this IPage page, ILocator input, string typed, string name)
    {
        await page.TabToAsync(input);
        // Chinese arrives as an input method commits it: the whole word in one input event. Typed a character at a time,
        // the circuit could render the list for "湖" after the field already held "湖北", and it stayed at 3 agencies.
        await page.Keyboard.InsertTextAsync(typed);
        // The list filters as one types (after a short debounce): wait until it offers only the agency.
        await Assertions.Expect(input).ToHaveAttributeAsync("aria-expanded", "true");
        var options = page.Locator($"#{await input.GetAttributeAsync("aria-controls")}").GetByRole(AriaRole.Option);
        await Assertions.Expect(options).ToHaveCountAsync(1);
        await Assertions.Expect(options).ToHaveAccessibleNameAsync(name);
        await page.AssertEveryControlNamedAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(input).ToHaveValueAsync(name);
    }
}
