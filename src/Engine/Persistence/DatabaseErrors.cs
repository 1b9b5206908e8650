using System.Data.Common;

namespace AiPlusTasks.Engine.Persistence;

/// <summary>Classifies database failures.</summary>
internal static class DatabaseErrors
{
    /// <summary>PostgreSQL's "deadlock detected", which Npgsql does not count as transient.</summary>
    private const string DeadlockDetected = "40P01";

    /// <summary>
    /// True for a failure that the same work may not meet again: a deadlock or serialization failure between two
    /// PostgreSQL nodes, a busy SQLite file. The provider says which (<see cref="DbException.IsTransient"/>), except for
    /// deadlocks.
    /// </summary>
    public static bool IsTransient(Exception e) => IsTransientItself(e) || (e.InnerException is { } inner && IsTransientItself(inner));

    private static bool IsTransientItself(Exception e) => e is DbException { IsTransient: true } or DbException { SqlState: DeadlockDetected };
}
