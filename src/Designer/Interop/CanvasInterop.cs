using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace AiPlusTasks.Designer.Interop;

/// <summary>
/// The designer's one way to JavaScript (<c>wwwroot/designerCanvas.js</c>, imported on first use): the canvas's position
/// on the page, its size changes and pointer capture. Everything else the canvas does uses Blazor's own pointer, drag and key events.
/// </summary>
public sealed class CanvasInterop(IJSRuntime js) : IAsyncDisposable
{
    private const string ModulePath = "./_content/AiPlusTasks.Designer/designerCanvas.js";

    private IJSObjectReference? _module;

    /// <summary>The top-left corner of the element's content (inside its border) in client pixels, and its size; all 0 when JavaScript gives no answer (prerendering, tests).</summary>
    public async Task<CanvasBounds> GetBoundsAsync(ElementReference element) =>
        await ModuleAsync() is { } module ? await module.InvokeAsync<CanvasBounds?>("bounds", element) ?? new(0, 0) : new(0, 0);

    /// <summary>
    /// Makes a press on the canvas (but not on a port) capture the pointer, so moving nodes or panning goes on while
    /// the pointer is outside the canvas and its release still reaches the canvas. Call once per element.
    /// </summary>
    public async Task CapturePointersAsync(ElementReference element)
    {
        if (await ModuleAsync() is { } module)
        {
            await module.InvokeVoidAsync("capturePointers", element);
        }
    }

    /// <summary>
    /// Reports the element's content size to <paramref name="canvas"/>'s <c>OnCanvasResized(width, height)</c> now and
    /// whenever it changes, until the reference is disposed. Call once per element.
    /// </summary>
    public async Task ObserveSizeAsync<T>(ElementReference element, DotNetObjectReference<T> canvas)
        where T : class
    {
        if (await ModuleAsync() is { } module)
        {
            await module.InvokeVoidAsync("observeSize", element, canvas);
        }
    }

    private async Task<IJSObjectReference?> ModuleAsync() =>
        _module ??= await js.InvokeAsync<IJSObjectReference>("import", ModulePath);

    public async ValueTask DisposeAsync()
    {
        if (_module is not null)
        {
            try
            {
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone and the module with it.
            }
        }
    }
}
