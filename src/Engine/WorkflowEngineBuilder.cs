using Quartz;

namespace AiPlusTasks.Engine;

/// <summary>Chooses the engine's storage, clock and scheduler settings inside <c>AddWorkflowEngine</c>.</summary>
public sealed class WorkflowEngineBuilder
{
    internal StorageProvider? Provider { get; private set; }

    internal string ConnectionString { get; private set; } = "";

    internal string SqliteSynchronous { get; private set; } = "NORMAL";

    internal TimeProvider TimeProvider { get; private set; } = TimeProvider.System;

    internal bool MigrateOnStartup { get; private set; } = true;

    internal List<Action<IQuartzBuilder>> QuartzConfigurations { get; } = [];

    internal string? DirectoryFolder { get; private set; }

    internal string? CalendarFolder { get; private set; }

    /// <summary>Stores everything in a SQLite database (WAL journal).</summary>
    /// <param name="connectionString">e.g. <c>Data Source=data/aiplustasks.db</c>.</param>
    /// <param name="synchronous">SQLite's <c>synchronous</c> pragma: <c>NORMAL</c> (default; survives a process crash) or <c>FULL</c> (also power loss).</param>
    public WorkflowEngineBuilder UseSqlite(string connectionString, string synchronous = "NORMAL")
    {
        if (synchronous is not ("NORMAL" or "FULL" or "OFF" or "EXTRA"))
        {
            throw new ArgumentException($"synchronous must be NORMAL, FULL, OFF or EXTRA, not '{synchronous}'", nameof(synchronous));
        }

        Provider = StorageProvider.Sqlite;
        ConnectionString = connectionString;
        SqliteSynchronous = synchronous;
        return this;
    }

    /// <summary>
    /// Stores everything in PostgreSQL, where several Host nodes may share one database: Quartz runs clustered on it
    /// and shared work is claimed with row locks (docs/decisions/010).
    /// </summary>
    /// <param name="connectionString">An Npgsql connection string, e.g. <c>Host=db;Database=aiplustasks;Username=…;Password=…</c>.</param>
    public WorkflowEngineBuilder UsePostgres(string connectionString)
    {
        Provider = StorageProvider.Postgres;
        ConnectionString = connectionString;
        return this;
    }

    /// <summary>The clock for the engine and Quartz (tests pass a fake). Default: the system clock.</summary>
    public WorkflowEngineBuilder UseTimeProvider(TimeProvider timeProvider)
    {
        TimeProvider = timeProvider;
        return this;
    }

    /// <summary>Whether pending migrations are applied when the host starts. Default: true.</summary>
    public WorkflowEngineBuilder UseMigrationsOnStartup(bool migrate)
    {
        MigrateOnStartup = migrate;
        return this;
    }

    /// <summary>
    /// Loads the agency directory and the AI+ catalog from <c>agencies.json</c> and <c>catalog.json</c> in a folder
    /// (the repository's <c>workflows/catalog</c>). They are read and validated when first needed; an invalid file fails
    /// start-up with every problem and its line.
    /// </summary>
    public WorkflowEngineBuilder UseDirectory(string folder)
    {
        DirectoryFolder = folder;
        return this;
    }

    /// <summary>
    /// Loads the official working calendar from the year files of a folder (the repository's <c>workflows/calendar</c>).
    /// They are read and validated when first needed; an invalid file fails start-up with every problem and its line.
    /// Without a folder every year counts Monday to Friday.
    /// </summary>
    public WorkflowEngineBuilder UseCalendar(string folder)
    {
        CalendarFolder = folder;
        return this;
    }

    /// <summary>
    /// Adds Quartz settings. The default store is Quartz's in-memory one on SQLite (timers are rebuilt from the bookmark
    /// table at start-up) and a clustered store in the database on PostgreSQL.
    /// </summary>
    public WorkflowEngineBuilder ConfigureQuartz(Action<IQuartzBuilder> configure)
    {
        QuartzConfigurations.Add(configure);
        return this;
    }
}

/// <summary>The database the engine stores everything in.</summary>
internal enum StorageProvider
{
    Sqlite,
    Postgres,
}
