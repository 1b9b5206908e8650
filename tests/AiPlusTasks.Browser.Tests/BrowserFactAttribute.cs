namespace AiPlusTasks.Browser.Tests;

/// <summary>A test that needs Chromium: skipped only when <see cref="Chromium.SkipReason"/> says so, else it runs (and fails without a browser).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Chromium.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
