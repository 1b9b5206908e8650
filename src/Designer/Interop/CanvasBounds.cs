namespace AiPlusTasks.Designer.Interop;

/// <summary>Where the canvas element's top-left corner is, in client (viewport) pixels.</summary>
public sealed record CanvasBounds(double Left, double Top);
