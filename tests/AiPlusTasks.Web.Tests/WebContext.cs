using System.Globalization;
using AiPlusTasks.Web.Resources;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor.Services;

namespace AiPlusTasks.Web.Tests;

/// <summary>
/// A bUnit context set up as the Host sets up the UI: MudBlazor's services, the Host's real resx texts through
/// <see cref="IStringLocalizer{T}"/>, and loose JS interop (MudBlazor calls JS the tests do not script).
/// </summary>
/// <remarks>
/// MudBlazor registers services that are only <see cref="IAsyncDisposable"/>, and xunit 2 disposes a test class
/// synchronously unless it is an <see cref="IAsyncLifetime"/>; so the context is disposed asynchronously here.
/// </remarks>
public abstract class WebContext : BunitContext, IAsyncLifetime
{
    protected WebContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLogging();
        Services.AddLocalization();
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    /// <summary>The Host's texts in the current UI culture.</summary>
    protected IStringLocalizer<UiText> Text => Services.GetRequiredService<IStringLocalizer<UiText>>();

    /// <summary>
    /// Renders in <paramref name="name"/> (<c>zh-CN</c> or <c>en</c>), as the Host's request localization would. Culture
    /// flows with the execution context, so it holds for the rest of the (synchronous) test and nothing leaks into others.
    /// </summary>
    protected static void UseCulture(string name)
    {
        var culture = CultureInfo.GetCultureInfo(name);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
    }
}
