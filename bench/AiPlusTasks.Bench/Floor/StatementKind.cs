namespace AiPlusTasks.Bench.Floor;

/// <summary>What a recorded statement does, for the floor's description of a burst.</summary>
internal enum StatementKind
{
    Read,
    Write,
    Transaction,
    Other,
}
