using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace AiPlusTasks.Browser.Tests;

/// <summary>Moving through a page with Tab and Shift+Tab, and what a keyboard or screen-reader user needs from it.</summary>
public static partial class KeyboardNavigation
{
    /// <summary>What the accessibility checks treat as an interactive control.</summary>
    public const string Controls = "button, a[href], input, select, textarea, [role=button], [tabindex]";

    /// <summary>Where one Tab stop was: a short description of the element and its position on the page.</summary>
    public sealed record FocusStop(string Element, double Top, double Left);

    /// <summary>True when <paramref name="target"/> is the focused element.</summary>
    public static Task<bool> IsFocusedAsync(this ILocator target) => target.EvaluateAsync<bool>("e => e === document.activeElement");

    /// <summary>
    /// Presses Tab (or Shift+Tab) until <paramref name="target"/> has the focus; fails when it is not reached in
    /// <paramref name="maxPresses"/> presses, i.e. when the keyboard cannot get there.
    /// </summary>
    public static async Task TabToAsync(this IPage page, ILocator target, bool backwards = false, int maxPresses = 80)
    {
        for (var i = 0; i < maxPresses; i++)
        {
            if (await target.IsFocusedAsync())
            {
                return;
            }

            await page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
        }

        if (!await target.IsFocusedAsync())
        {
            throw new InvalidOperationException($"{(backwards ? "Shift+Tab" : "Tab")} did not reach {target} in {maxPresses} presses; focus is on {await DescribeFocusAsync(page)}");
        }
    }

    /// <summary>Presses Tab from the current focus until it leaves the page or wraps around (at most 150 presses), recording every stop.</summary>
    public static async Task<IReadOnlyList<FocusStop>> TabStopsAsync(this IPage page)
    {
        var stops = new List<FocusStop>();
        for (var i = 0; i < 150; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<System.Text.Json.JsonElement?>("""
                () => {
                  const e = document.activeElement;
                  if (!e || e === document.body) return null;
                  const r = e.getBoundingClientRect();
                  return { element: e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.getAttribute('aria-label') ? `[${e.getAttribute('aria-label')}]` : ''),
                           top: r.top + window.scrollY, left: r.left + window.scrollX };
                }
                """);
            var stop = focused is { ValueKind: System.Text.Json.JsonValueKind.Object } e
                ? new FocusStop(e.GetProperty("element").GetString()!, e.GetProperty("top").GetDouble(), e.GetProperty("left").GetDouble())
                : null;

            // Focus on the body, or back on a stop already seen: the Tab order has wrapped around.
            if (stop is null || stops.Contains(stop))
            {
                break;
            }

            stops.Add(stop);
        }

        return stops;
    }

    /// <summary>
    /// The visible controls (<see cref="Controls"/>) that have no accessible name — as the accessible-name computation
    /// Playwright shares with the browser's accessibility tree finds it (aria-labelledby, aria-label, label, contents,
    /// title) — each as the start of its HTML.
    /// </summary>
    public static async Task<IReadOnlyList<string>> UnnamedControlsAsync(this IPage page)
    {
        var controls = page.Locator(Controls);
        var unnamed = new List<string>();
        var count = await controls.CountAsync();
        for (var i = 0; i < count; i++)
        {
            var control = controls.Nth(i);
            if (!await control.IsVisibleAsync())
            {
                continue;
            }

            try
            {
                await Assertions.Expect(control).ToHaveAccessibleNameAsync(AnyText(), new LocatorAssertionsToHaveAccessibleNameOptions { Timeout = 500 });
            }
            catch (PlaywrightException)
            {
                unnamed.Add(await control.EvaluateAsync<string>("e => e.outerHTML.slice(0, 240)"));
            }
        }

        return unnamed;
    }

    /// <summary>Fails, listing them, when some visible control has no accessible name (<see cref="UnnamedControlsAsync"/>).</summary>
    public static async Task AssertEveryControlNamedAsync(this IPage page)
    {
        var unnamed = await page.UnnamedControlsAsync();
        Xunit.Assert.True(unnamed.Count == 0, "controls without an accessible name:\n" + string.Join("\n", unnamed));
    }

    /// <summary>True when the element shows a focus ring: it matches <c>:focus-visible</c> and draws a non-empty outline.</summary>
    public static Task<bool> ShowsFocusRingAsync(this ILocator element) => element.EvaluateAsync<bool>("""
        e => {
          const style = getComputedStyle(e);
          return e.matches(':focus-visible') && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
        }
        """);

    /// <summary>The focused element, as a short description for failure messages.</summary>
    public static Task<string> DescribeFocusAsync(this IPage page) =>
        page.EvaluateAsync<string>("() => { const e = document.activeElement; return e ? e.outerHTML.slice(0, 160) : 'nothing'; }");

    [GeneratedRegex(@"\S")]
    private static partial Regex AnyText();
}
