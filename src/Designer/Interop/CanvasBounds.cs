namespace AiPlusTasks.Designer.Interop;

/// <summary>Where the canvas element's content (inside its border) starts, in client (viewport) pixels, and its size.</summary>
/// <param name="Left">The content's left edge.</param>
/// <param name="Top">The content's top edge.</param>
/// <param name="Width">The content's width; 0 when unknown.</param>
/// <param name="Height">The content's height; 0 when unknown.</param>
public sealed record CanvasBounds(double Left, double Top, double Width = 0, double Height = 0);
