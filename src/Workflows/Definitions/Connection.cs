using System.Text.Json.Nodes;

namespace AiPlusTasks.Workflows.Definitions;

/// <summary>A flowchart connection: from an outcome port of one activity to another activity.</summary>
public sealed class Connection
{
    public required Endpoint Source { get; init; }

    public required Endpoint Target { get; init; }

    /// <summary>Properties the engine does not interpret (e.g. designer vertices), written back unchanged.</summary>
    public JsonObject Extensions { get; init; } = [];

    /// <summary>One end of a connection: an activity id and a port name (an outcome on the source side).</summary>
    public sealed record Endpoint(string Activity, string? Port);
}
