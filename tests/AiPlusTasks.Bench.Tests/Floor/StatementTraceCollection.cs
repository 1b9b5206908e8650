namespace AiPlusTasks.Bench.Tests.Floor;

/// <summary>Tests that watch a database through the process-wide statement trace run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class StatementTraceCollection
{
    public const string Name = "SQLite statement trace";
}
