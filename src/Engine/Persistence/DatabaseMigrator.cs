using AiPlusTasks.Engine.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;

namespace AiPlusTasks.Engine.Persistence;

/// <summary>
/// Applies pending migrations when the host starts, before anything else reads the database (so before the Host listens), and puts a SQLite file
/// into WAL journal mode (a setting the file keeps), owner-only on Unix (<see cref="SqliteFiles"/>). Nodes of a cluster starting together take turns: EF Core holds a
/// migration lock on the database while it migrates.
/// </summary>
internal sealed class DatabaseMigrator(IDbContextFactory<WorkflowDbContext> dbFactory, ILogger<DatabaseMigrator> logger) : StartupStep(logger)
{
    protected override string Name => "migrations";

    protected override bool BeforeOtherServices => true;

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        if (db.Database.IsSqlite() && connection.DataSource is { Length: > 0 } file && !SqliteFiles.IsInMemory(connection.ConnectionString))
        {
            SqliteFiles.Prepare(file, logger);
        }

        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        // A new database has no history table yet; asking it for applied migrations would log a failed query.
        var pending = await db.GetService<IHistoryRepository>().ExistsAsync(cancellationToken)
            ? (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList()
            : db.Database.GetMigrations().ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
            await db.Database.MigrateAsync(cancellationToken);
        }
    }
}
