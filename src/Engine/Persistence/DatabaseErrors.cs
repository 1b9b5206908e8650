using System.Data.Common;

namespace AiPlusTasks.Engine.Persistence;

/// <summary>Classifies database failures.</summary>
internal static class DatabaseErrors
{
    /// <summary>
    /// True for a failure that the same work may not meet again: a deadlock or serialization failure between two
    /// PostgreSQL nodes, a busy SQLite file. The provider says which (<see cref="DbException.IsTransient"/>).
    /// </summary>
    public static bool IsTransient(Exception e) =>
        e is DbException { IsTransient: true } || e.InnerException is DbException { IsTransient: true };
}
