using Microsoft.EntityFrameworkCore;

namespace AiPlusTasks.Engine.Persistence;

/// <summary>
/// A lock that one node of a cluster holds at a time, for work that would race if two nodes did it together (seeding
/// an empty database at start-up). On PostgreSQL it is a session advisory lock, released by the server if the node
/// dies; on SQLite (one node) taking it does nothing.
/// </summary>
public sealed class ClusterLock(IDbContextFactory<WorkflowDbContext> dbFactory)
{
    /// <summary>Waits until this node holds the lock <paramref name="name"/>; disposing the result releases it.</summary>
    public async Task<IAsyncDisposable> AcquireAsync(string name, CancellationToken cancellationToken)
    {
        var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        try
        {
            await SharedWork.LockAsync(db, SharedLock.Named, name, cancellationToken);
            return new Held(db, name);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    private sealed class Held(WorkflowDbContext db, string name) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await SharedWork.UnlockAsync(db, SharedLock.Named, name, CancellationToken.None);
            }
            finally
            {
                await db.DisposeAsync();
            }
        }
    }
}
