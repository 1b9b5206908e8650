using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Workflows.Execution;
using Microsoft.EntityFrameworkCore;

namespace AiPlusTasks.Engine.Runtime;

/// <summary>
/// The runtime's per-burst lookups as EF Core compiled queries: translated once, so a burst does not pay for LINQ
/// expression building, parameter extraction and the query cache lookup on every call (docs/decisions/007).
/// </summary>
internal static class RuntimeQueries
{
    public static readonly Func<WorkflowDbContext, string, CancellationToken, Task<WorkflowInstanceRecord?>> Instance =
        EF.CompileAsyncQuery((WorkflowDbContext db, string id, CancellationToken _) => db.Instances.AsNoTracking().SingleOrDefault(i => i.Id == id));

    public static readonly Func<WorkflowDbContext, string, CancellationToken, Task<BookmarkRecord?>> Bookmark =
        EF.CompileAsyncQuery((WorkflowDbContext db, string id, CancellationToken _) => db.Bookmarks.AsNoTracking().SingleOrDefault(b => b.Id == id));

    public static readonly Func<WorkflowDbContext, string, IAsyncEnumerable<BookmarkRecord>> EventBookmarks =
        EF.CompileAsyncQuery<WorkflowDbContext, string, BookmarkRecord>((db, name) =>
            db.Bookmarks.AsNoTracking().Where(b => b.Kind == BookmarkKinds.Event && b.Key == name).OrderBy(b => b.CreatedAt));

    public static readonly Func<WorkflowDbContext, string, string, IAsyncEnumerable<BookmarkRecord>> CorrelatedEventBookmarks =
        EF.CompileAsyncQuery<WorkflowDbContext, string, string, BookmarkRecord>((db, name, correlationId) =>
            db.Bookmarks.AsNoTracking().Where(b => b.Kind == BookmarkKinds.Event && b.Key == name && b.CorrelationId == correlationId).OrderBy(b => b.CreatedAt));

    public static readonly Func<WorkflowDbContext, string, CancellationToken, Task<PublishedVersion?>> PublishedVersion =
        EF.CompileAsyncQuery((WorkflowDbContext db, string definitionId, CancellationToken _) =>
            db.Definitions.Where(d => d.DefinitionId == definitionId && d.IsPublished).Select(d => new PublishedVersion(d.Id, d.Version)).SingleOrDefault());
}

/// <summary>The version of a definition that new instances run.</summary>
internal sealed record PublishedVersion(string Id, int Version);
