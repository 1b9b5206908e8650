using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace AiPlusTasks.Browser.Tests;

/// <summary>What the tests check on a page again and again: plain Chinese for agency staff, and no sideways scrolling.</summary>
public static partial class PageChecks
{
    /// <summary>Codes that never belong on a page for agency staff: agency codes, user names, pillar codes, activity ids and types.</summary>
    private static readonly string[] Codes = ["miit", "guangdong", "hubei", ".lead", ".staff", "action.", "start1", "Elsa.", "report1", "review1", "signoff1"];

    /// <summary>
    /// The visible text of the page's main area holds no code (<see cref="Codes"/>) and no English word. Digits,
    /// punctuation, file names, checksums and the size units KB/MB are allowed. The workflow's own texts (the title and
    /// description) count too: they are given per language. What people wrote in their own words, marked
    /// <c>data-authored</c> on the page (a definition's name in a picker), is not the page's and is left out.
    /// <paramref name="part"/> (a CSS selector) checks one part of the page only: on the designer's pages, whose canvas
    /// and journal speak the engine's words (activity ids and types), the parts meant for planners in words.
    /// </summary>
    public static async Task AssertPlainChineseAsync(this IPage page, string? part = null)
    {
        var text = await page.OwnTextAsync(part);
        foreach (var code in Codes)
        {
            Assert.False(text.Contains(code, StringComparison.OrdinalIgnoreCase), $"'{code}' on {page.Url}:\n{text}");
        }

        var stripped = FileName().Replace(Checksum().Replace(text, " "), " ");
        stripped = Unit().Replace(stripped, " ");
        var english = EnglishWord().Matches(stripped).Select(m => m.Value).Distinct().ToList();
        Assert.True(english.Count == 0, $"English on {page.Url}: {string.Join(", ", english)}\n{text}");
    }

    /// <summary>
    /// The visible text of the page's main area (or of <paramref name="part"/>, a CSS selector) without what people wrote
    /// (marked <c>data-authored</c>, e.g. a definition's name: theirs, not the page's words) and without what
    /// <paramref name="alsoLeftOut"/> selects.
    /// </summary>
    public static Task<string> OwnTextAsync(this IPage page, string? part = null, string alsoLeftOut = "") =>
        page.EvaluateAsync<string>("""
            ({ part, leftOut }) => {
              const main = part ? document.querySelector(part) : (document.querySelector('main') || document.querySelector('.mud-main-content'));
              const copy = main.cloneNode(true);
              copy.querySelectorAll('script, style, [data-authored]' + leftOut).forEach(e => e.remove());
              // A copied radio keeps its name and checkedness: in the document it would uncheck the page's own one.
              copy.querySelectorAll('input[type=radio]').forEach(e => e.removeAttribute('name'));
              document.body.appendChild(copy);
              copy.style.position = 'absolute'; copy.style.left = '-10000px';
              const visible = copy.innerText;
              copy.remove();
              return visible;
            }
            """, new { part, leftOut = alsoLeftOut.Length == 0 ? "" : ", " + alsoLeftOut });

    /// <summary>Nothing is wider than the window (no sideways scrolling on a phone).</summary>
    public static async Task AssertFitsAsync(this IPage page)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 1, $"the page is {overflow} px wider than the window at {page.ViewportSize?.Width} px");
    }

    [GeneratedRegex("[0-9a-f]{8,}…?")]
    private static partial Regex Checksum();

    [GeneratedRegex(@"[\w\u4e00-\u9fff\-]+\.(pdf|txt|docx?|xlsx?)", RegexOptions.IgnoreCase)]
    private static partial Regex FileName();

    [GeneratedRegex(@"\b\d+(\.\d+)?\s?(KB|MB)\b")]
    private static partial Regex Unit();

    [GeneratedRegex("[A-Za-z]{2,}")]
    private static partial Regex EnglishWord();
}
