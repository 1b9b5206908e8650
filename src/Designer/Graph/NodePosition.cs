namespace AiPlusTasks.Designer.Graph;

/// <summary>Where a node sits on the canvas, in canvas units (Elsa's <c>metadata.designer.position</c>).</summary>
public readonly record struct NodePosition(double X, double Y);
