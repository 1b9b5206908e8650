using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AiPlusTasks.Engine.Persistence;

/// <summary>
/// How work that every node may pick up is split between the nodes of a cluster (docs/decisions/010). On PostgreSQL,
/// rows are claimed with <c>FOR UPDATE SKIP LOCKED</c> and one-at-a-time jobs take advisory locks, which the server
/// releases when a node's connection dies. SQLite runs one node, whose loops already take turns, so there both are
/// no-ops.
/// </summary>
internal static class SharedWork
{
    /// <summary>The clause that makes a <c>SELECT</c> lock the rows it returns and skip rows another node has locked.</summary>
    public static string SkipLocked(WorkflowDbContext db) => db.Database.IsNpgsql() ? " FOR UPDATE SKIP LOCKED" : "";

    /// <summary>
    /// Turns a time into what the provider stores in <paramref name="property"/> of <typeparamref name="TRow"/> (SQLite keeps
    /// times as numbers), for the raw SQL of a claim statement.
    /// </summary>
    public static Func<DateTimeOffset, object> StoredTime<TRow>(WorkflowDbContext db, string property)
    {
        var converter = db.Model.FindEntityType(typeof(TRow))!.FindProperty(property)!.GetTypeMapping().Converter;
        return value => converter?.ConvertToProvider(value) ?? value;
    }

    /// <summary>
    /// Begins the transaction that <see cref="TryLockForTransactionAsync"/> needs, on PostgreSQL. On SQLite it returns
    /// null: there <c>SaveChanges</c>' own transaction is enough, and an explicit one that reads before it writes may
    /// fail to become the writer (<c>SQLITE_BUSY</c>) when another connection wrote meanwhile.
    /// </summary>
    public static async Task<IDbContextTransaction?> BeginLockingTransactionAsync(WorkflowDbContext db, CancellationToken cancellationToken) =>
        db.Database.IsNpgsql() ? await db.Database.BeginTransactionAsync(cancellationToken) : null;

    /// <summary>
    /// Takes the advisory lock <paramref name="key"/> until the current transaction ends; false when another node holds
    /// it. Call inside the transaction of <see cref="BeginLockingTransactionAsync"/>.
    /// </summary>
    public static async Task<bool> TryLockForTransactionAsync(WorkflowDbContext db, SharedLock key, CancellationToken cancellationToken) =>
        !db.Database.IsNpgsql()
        || await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({(int)key}, 0) AS \"Value\"").SingleAsync(cancellationToken);

    /// <summary>
    /// Takes the advisory lock <paramref name="key"/> until the current transaction ends, waiting for a node that holds it.
    /// Call inside the transaction of <see cref="BeginLockingTransactionAsync"/>.
    /// </summary>
    public static async Task LockForTransactionAsync(WorkflowDbContext db, SharedLock key, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({(int)key}, 0)", cancellationToken);
        }
    }

    /// <summary>
    /// Takes the advisory lock (<paramref name="key"/>, a hash of <paramref name="id"/>) on the context's connection, which
    /// it opens and keeps open, until <see cref="UnlockAsync"/> (call it in a <c>finally</c>: a pooled connection keeps its
    /// locks); false when another node holds it.
    /// </summary>
    public static async Task<bool> TryLockAsync(WorkflowDbContext db, SharedLock key, string id, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            return true;
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        return await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_lock({(int)key}, hashtext({id})) AS \"Value\"").SingleAsync(cancellationToken);
    }

    /// <summary>Like <see cref="TryLockAsync"/>, but waits for a node that holds the lock to release it.</summary>
    public static async Task LockAsync(WorkflowDbContext db, SharedLock key, string id, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({(int)key}, hashtext({id}))", cancellationToken);
        }
    }

    /// <summary>Releases a lock taken by <see cref="TryLockAsync"/> or <see cref="LockAsync"/>.</summary>
    public static async Task UnlockAsync(WorkflowDbContext db, SharedLock key, string id, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.SqlQuery<bool>($"SELECT pg_advisory_unlock({(int)key}, hashtext({id})) AS \"Value\"").SingleAsync(cancellationToken);
        }
    }
}

/// <summary>The advisory locks' first keys: one per kind of one-at-a-time work.</summary>
internal enum SharedLock
{
    /// <summary>Start-up work that one node at a time may do (second key: a hash of its name), see <see cref="ClusterLock"/>.</summary>
    Named = 7000,

    /// <summary>Turning outbox events into webhook deliveries, in order.</summary>
    WebhookFanOut = 7001,

    /// <summary>Sending one subscription's deliveries (second key: a hash of its id), in order.</summary>
    WebhookQueue = 7002,

    /// <summary>Turning outbox events into notifications, in order.</summary>
    NotificationFanOut = 7003,

    /// <summary>Linking the audit trail's new lines into its hash chain (docs/decisions/032).</summary>
    AuditSeal = 7004,
}
