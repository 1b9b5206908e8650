namespace AiPlusTasks.Browser.Tests;

/// <summary>A data-driven test that needs Chromium: skipped only when <see cref="Chromium.SkipReason"/> says so.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class BrowserTheoryAttribute : TheoryAttribute
{
    public BrowserTheoryAttribute()
    {
        if (Chromium.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
