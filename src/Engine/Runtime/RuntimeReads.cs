using System.Collections.Concurrent;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Workflows.Execution;
using Microsoft.EntityFrameworkCore;

namespace AiPlusTasks.Engine.Runtime;

/// <summary>
/// The burst path's reads — an instance, a bookmark, the event bookmarks waiting for a name, a definition's published
/// version — as prepared ADO.NET commands (<see cref="RowReader"/>) on connections kept open between calls, so a burst
/// pays neither EF Core's query pipeline nor a connection open (docs/decisions/017). Up to <see cref="KeptOpen"/>
/// connections are kept; more callers at once open extra ones, closed after use. A connection that failed is closed,
/// never reused.
/// </summary>
public sealed class RuntimeReads(IDbContextFactory<WorkflowDbContext> dbFactory) : IAsyncDisposable
{
    private const int KeptOpen = 8;

    private static readonly RowQuery<WorkflowInstanceRecord> InstanceById = new([nameof(WorkflowInstanceRecord.Id)]);

    private static readonly RowQuery<BookmarkRecord> BookmarkById = new([nameof(BookmarkRecord.Id)]);

    private static readonly RowQuery<BookmarkRecord> EventBookmarks =
        new([nameof(BookmarkRecord.Kind), nameof(BookmarkRecord.Key)], orderBy: nameof(BookmarkRecord.CreatedAt));

    private static readonly RowQuery<BookmarkRecord> CorrelatedEventBookmarks =
        new([nameof(BookmarkRecord.Kind), nameof(BookmarkRecord.Key), nameof(BookmarkRecord.CorrelationId)], orderBy: nameof(BookmarkRecord.CreatedAt));

    private static readonly RowQuery<WorkflowDefinitionRecord> Published = new(
        [nameof(WorkflowDefinitionRecord.DefinitionId), nameof(WorkflowDefinitionRecord.IsPublished)],
        [nameof(WorkflowDefinitionRecord.Id), nameof(WorkflowDefinitionRecord.Version)]);

    private readonly ConcurrentBag<WorkflowDbContext> _open = [];
    private int _openCount;

    /// <summary>The instance's row as committed, or null.</summary>
    internal async Task<WorkflowInstanceRecord?> InstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        (await ReadAsync(InstanceById, [instanceId], cancellationToken)).SingleOrDefault();

    /// <summary>The bookmark, or null when it does not exist (never made, or consumed).</summary>
    internal async Task<BookmarkRecord?> BookmarkAsync(string bookmarkId, CancellationToken cancellationToken) =>
        (await ReadAsync(BookmarkById, [bookmarkId], cancellationToken)).SingleOrDefault();

    /// <summary>The <c>Elsa.Event</c> bookmarks waiting for <paramref name="name"/> (with the correlation id, when given), oldest first.</summary>
    internal Task<List<BookmarkRecord>> EventBookmarksAsync(string name, string? correlationId, CancellationToken cancellationToken) =>
        correlationId is null
            ? ReadAsync(EventBookmarks, [BookmarkKinds.Event, name], cancellationToken)
            : ReadAsync(CorrelatedEventBookmarks, [BookmarkKinds.Event, name, correlationId], cancellationToken);

    /// <summary>The version of the definition new instances run, or null when none is published.</summary>
    internal async Task<PublishedVersion?> PublishedVersionAsync(string definitionId, CancellationToken cancellationToken) =>
        (await ReadAsync(Published, [definitionId, true], cancellationToken)).Select(d => new PublishedVersion(d.Id, d.Version)).SingleOrDefault();

    public async ValueTask DisposeAsync()
    {
        while (_open.TryTake(out var db))
        {
            await db.DisposeAsync();
        }
    }

    private async Task<List<T>> ReadAsync<T>(RowQuery<T> query, object?[] values, CancellationToken cancellationToken)
        where T : class
    {
        WorkflowDbContext db;
        if (_open.TryTake(out var kept))
        {
            Interlocked.Decrement(ref _openCount);
            db = kept;
        }
        else
        {
            db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        List<T> rows;
        try
        {
            rows = await RowReader.For(db).ReadAsync(db.Database.GetDbConnection(), query, values, cancellationToken);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }

        if (Interlocked.Increment(ref _openCount) <= KeptOpen)
        {
            _open.Add(db);
        }
        else
        {
            Interlocked.Decrement(ref _openCount);
            await db.DisposeAsync();
        }

        return rows;
    }
}
