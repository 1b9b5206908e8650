using System.Text.Json.Nodes;

namespace AiPlusTasks.Cli.Definitions;

/// <summary>One <c>*.json</c> file of a definitions folder: its text, and its normal form or why it has none.</summary>
public sealed record DefinitionFile(string Path, string Text, JsonObject? Normal, string? Problem)
{
    public string Name => System.IO.Path.GetFileName(Path);

    public string? DefinitionId => Normal?["definitionId"]?.ToString();
}
