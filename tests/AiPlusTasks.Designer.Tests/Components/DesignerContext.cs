using AiPlusTasks.Designer.Graph;
using AiPlusTasks.Designer.Tests.Support;
using AiPlusTasks.Engine.TestRuns;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;

namespace AiPlusTasks.Designer.Tests.Components;

/// <summary>
/// A bUnit context set up as a host sets up the designer: MudBlazor's services, the engine's activity types and agency
/// directory, <c>AddWorkflowDesigner()</c>, a test runner, and a fake clock at 2026-03-04 12:00 China Standard Time.
/// </summary>
/// <remarks>MudBlazor registers services that are only <see cref="IAsyncDisposable"/>, so the context is disposed asynchronously.</remarks>
public abstract class DesignerContext : BunitContext, IAsyncLifetime
{
    protected DesignerContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLogging();
        Services.AddSingleton<TimeProvider>(Clock);
        DesignerServices.AddTo(Services);
        Services.AddSingleton(DesignerServices.TestRunnerAt(Clock));
        Services.AddWorkflowDesigner();
    }

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 4, 12, 0, 0, TimeSpan.FromHours(8)));

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    /// <summary>A new node of <paramref name="type"/>, as the canvas adds it from the palette.</summary>
    protected static DesignerNode NewNode(string type) =>
        new GraphEditor(new DesignerGraph([], [], "flowchart1"), DesignerServices.Catalog).AddNode(type);
}
