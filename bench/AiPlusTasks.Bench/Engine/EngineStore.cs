namespace AiPlusTasks.Bench.Engine;

/// <summary>Which database the engine runs on.</summary>
public enum EngineStore
{
    /// <summary>A SQLite WAL file in a temp folder.</summary>
    File,

    /// <summary>A SQLite in-memory shared-cache database (not a separate in-memory store: the same SQL, no disk).</summary>
    Memory,

    /// <summary>A new database on the PostgreSQL server named by <see cref="BenchPostgres.ServerVariable"/>, dropped afterwards.</summary>
    Postgres,
}
