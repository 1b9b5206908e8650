using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AiPlusTasks.Engine.Persistence;

/// <summary>Lets <c>dotnet ef migrations add … --context SqliteWorkflowDbContext</c> build the model without a host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteWorkflowDbContext>
{
    public SqliteWorkflowDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteWorkflowDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
