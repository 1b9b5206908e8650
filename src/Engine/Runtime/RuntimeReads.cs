using System.Collections.Concurrent;
using System.Data.Common;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Workflows.Execution;
using Microsoft.EntityFrameworkCore;

namespace AiPlusTasks.Engine.Runtime;

/// <summary>
/// The burst path's reads — an instance, a bookmark, the event bookmarks waiting for a name, a definition's published
/// version; the instances and published versions of a claimed batch of queued starts at once — as prepared ADO.NET
/// commands (<see cref="RowReader"/>) on connections kept open between calls, so a burst pays neither EF Core's query
/// pipeline nor a connection open (docs/decisions/017). Up to <see cref="KeptOpen"/> connections are kept; more
/// callers at once open extra ones, closed after use. A connection that failed is closed, never reused.
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
        [nameof(WorkflowDefinitionRecord.DefinitionId), nameof(WorkflowDefinitionRecord.Id), nameof(WorkflowDefinitionRecord.Version)]);

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

    /// <summary>
    /// The committed rows of the given instances, read a few statements at a time (up to <see cref="RowReader.MaxAnyOf"/>
    /// ids each); an instance that does not exist has no entry.
    /// </summary>
    internal async Task<Dictionary<string, WorkflowInstanceRecord>> InstancesAsync(IReadOnlyCollection<string> instanceIds, CancellationToken cancellationToken) =>
        (await ReadAnyOfAsync(InstanceById, instanceIds, [], cancellationToken)).ToDictionary(i => i.Id, StringComparer.Ordinal);

    /// <summary>The published version of each given definition that has one; a definition without one has no entry.</summary>
    internal async Task<Dictionary<string, PublishedVersion>> PublishedVersionsAsync(IReadOnlyCollection<string> definitionIds, CancellationToken cancellationToken) =>
        (await ReadAnyOfAsync(Published, definitionIds, [true], cancellationToken))
            .ToDictionary(d => d.DefinitionId, d => new PublishedVersion(d.Id, d.Version), StringComparer.Ordinal);

    public async ValueTask DisposeAsync()
    {
        while (_open.TryTake(out var db))
        {
            await db.DisposeAsync();
        }
    }

    private Task<List<T>> ReadAsync<T>(RowQuery<T> query, object?[] values, CancellationToken cancellationToken)
        where T : class =>
        OnKeptConnectionAsync((reader, connection) => reader.ReadAsync(connection, query, values, cancellationToken), cancellationToken);

    private async Task<List<T>> ReadAnyOfAsync<T>(RowQuery<T> query, IReadOnlyCollection<string> anyOf, object?[] values, CancellationToken cancellationToken)
        where T : class
    {
        var rows = new List<T>();
        foreach (var chunk in anyOf.Distinct(StringComparer.Ordinal).Chunk(RowReader.MaxAnyOf))
        {
            rows.AddRange(await OnKeptConnectionAsync((reader, connection) => reader.ReadAnyOfAsync(connection, query, chunk, values, cancellationToken), cancellationToken));
        }

        return rows;
    }

    private async Task<List<T>> OnKeptConnectionAsync<T>(Func<RowReader, DbConnection, Task<List<T>>> read, CancellationToken cancellationToken)
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
            rows = await read(RowReader.For(db), db.Database.GetDbConnection());
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
