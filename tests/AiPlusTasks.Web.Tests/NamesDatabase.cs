using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AiPlusTasks.Web.Tests;

/// <summary>
/// An in-memory SQLite database with the engine's schema for <see cref="DisplayNames"/> (users and plans), and the
/// repository's agency directory and catalog: components that name things render with the real names. The database
/// lives until this object is disposed (it holds one connection open).
/// </summary>
public sealed class NamesDatabase : IDbContextFactory<WorkflowDbContext>, IDisposable
{
    private readonly DbContextOptions<SqliteWorkflowDbContext> _options;
    private readonly SqliteConnection _keepAlive;

    public NamesDatabase()
    {
        var connectionString = $"Data Source=names-{Guid.NewGuid():N};Mode=Memory;Cache=Shared";
        _keepAlive = new SqliteConnection(connectionString);
        _keepAlive.Open();
        _options = new DbContextOptionsBuilder<SqliteWorkflowDbContext>().UseSqlite(connectionString).Options;
        using var db = CreateDbContext();
        db.Database.Migrate();
        var folder = Path.Combine(RepositoryPaths.Workflows, DirectoryFiles.FolderName);
        Names = new DisplayNames(this, TimeProvider.System, DirectoryFiles.LoadAgencies(Path.Combine(folder, DirectoryFiles.AgenciesFileName)), DirectoryFiles.LoadCatalog(Path.Combine(folder, DirectoryFiles.CatalogFileName)));
    }

    public DisplayNames Names { get; }

    public WorkflowDbContext CreateDbContext() => new SqliteWorkflowDbContext(_options);

    /// <summary>Adds a user and drops the names' cache.</summary>
    public void AddUser(string username, string agency, string role, string? displayName)
    {
        using var db = CreateDbContext();
        db.Users.Add(UserStore.NewUser(username, agency, [role], displayName, DateTimeOffset.UnixEpoch));
        db.SaveChanges();
        Names.Invalidate();
    }

    /// <summary>Adds a plan and drops the names' cache.</summary>
    public void AddPlan(string id, string name, string? nameEn)
    {
        using var db = CreateDbContext();
        db.Plans.Add(new PlanRecord { Id = id, Name = name, NameEn = nameEn, Cadence = "0 0 1 1,4,7,10 *", Static = "{}" });
        db.SaveChanges();
        Names.Invalidate();
    }

    public void Dispose() => _keepAlive.Dispose();
}
