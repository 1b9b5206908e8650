using System.ComponentModel.DataAnnotations;

namespace AiPlusTasks.Host.Infrastructure;

/// <summary>Storage settings (section <c>Database</c>; the connection string is <c>ConnectionStrings:AiPlusTasks</c>).</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>
    /// <c>Sqlite</c> (default; one node) or <c>Postgres</c> (several nodes may share the database; the connection string is
    /// then an Npgsql one).
    /// </summary>
    [AllowedValues("Sqlite", "Postgres", ErrorMessage = "Database:Provider must be 'Sqlite' or 'Postgres'.")]
    public string Provider { get; set; } = "Sqlite";

    /// <summary>SQLite's <c>synchronous</c> pragma: NORMAL (default) or FULL.</summary>
    [AllowedValues("NORMAL", "FULL", ErrorMessage = "Database:SqliteSynchronous must be NORMAL or FULL.")]
    public string SqliteSynchronous { get; set; } = "NORMAL";

    /// <summary>Apply migrations at start-up. Default true.</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
