namespace AiPlusTasks.Cli.Definitions;

/// <summary>How a file differs from the server's latest version of its definition.</summary>
public enum DefinitionChangeKind
{
    New,
    Unchanged,
    Changed,
}
