using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace AiPlusTasks.Designer.Interop;

/// <summary>
/// The designer's one way to JavaScript (<c>wwwroot/designerCanvas.js</c>, imported on first use). Everything else the
/// canvas does uses Blazor's own pointer, drag and key events.
/// </summary>
public sealed class CanvasInterop(IJSRuntime js) : IAsyncDisposable
{
    private const string ModulePath = "./_content/AiPlusTasks.Designer/designerCanvas.js";

    private IJSObjectReference? _module;

    /// <summary>The top-left corner of the element's content (inside its border) in client pixels; (0, 0) when JavaScript gives no answer (prerendering, tests).</summary>
    public async Task<CanvasBounds> GetBoundsAsync(ElementReference element)
    {
        _module ??= await js.InvokeAsync<IJSObjectReference>("import", ModulePath);
        return _module is null ? new(0, 0) : await _module.InvokeAsync<CanvasBounds?>("bounds", element) ?? new(0, 0);
    }

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
