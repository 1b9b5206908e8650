using Microsoft.EntityFrameworkCore;

namespace AiPlusTasks.Engine.Persistence;

/// <summary>Hands out the configured provider's context as the provider-neutral <see cref="WorkflowDbContext"/>.</summary>
internal sealed class WorkflowDbContextFactory(IDbContextFactory<SqliteWorkflowDbContext> inner) : IDbContextFactory<WorkflowDbContext>
{
    public WorkflowDbContext CreateDbContext() => inner.CreateDbContext();
}
