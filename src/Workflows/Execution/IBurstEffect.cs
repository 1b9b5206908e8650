namespace AiPlusTasks.Workflows.Execution;

/// <summary>
/// A change beyond the instance that an activity asks for (a task issued, completed, escalated, cancelled), as plain
/// data. The interpreter only collects it (<see cref="Burst.Effects"/>); the host that commits the burst turns it into
/// rows in the same transaction, and a test run only shows it.
/// </summary>
public interface IBurstEffect;
