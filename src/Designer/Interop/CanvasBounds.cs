namespace AiPlusTasks.Designer.Interop;

/// <summary>Where the canvas element's content (inside its border) starts, in client (viewport) pixels.</summary>
public sealed record CanvasBounds(double Left, double Top);
