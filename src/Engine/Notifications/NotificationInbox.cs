using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using Microsoft.EntityFrameworkCore;

namespace AiPlusTasks.Engine.Notifications;

/// <summary>A person's own notifications: the bell's count, the notification page, marking read. Nobody sees another's.</summary>
public sealed class NotificationInbox(IDbContextFactory<WorkflowDbContext> dbFactory, NotificationSignal signal, TimeProvider time)
{
    /// <summary>The caller's notifications, newest first.</summary>
    /// <exception cref="RequestValidationException">The page or page size is out of range (fields <c>page</c>, <c>pageSize</c>).</exception>
    /// <exception cref="ForbiddenException">The caller is an agency system.</exception>
    public async Task<Page<NotificationView>> ListAsync(Caller caller, NotificationQuery query, CancellationToken cancellationToken = default)
    {
        caller.RequirePerson("receive notifications");
        if (query.Page < 1)
        {
            throw RequestValidationException.For("page", "page must be 1 or more");
        }

        if (query.PageSize is < 1 or > 200)
        {
            throw RequestValidationException.For("pageSize", "pageSize must be between 1 and 200");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var mine = db.Notifications.AsNoTracking().Where(n => n.UserId == caller.Name);
        if (query.UnreadOnly)
        {
            mine = mine.Where(n => n.ReadAt == null);
        }

        var total = await mine.CountAsync(cancellationToken);
        var items = await mine.OrderByDescending(n => n.Id)
            .Skip((query.Page - 1) * query.PageSize)
            .Take(query.PageSize)
            .Select(n => new NotificationView(n.Id, n.Kind, n.Title, n.Body, n.Link, n.TaskId, n.CreatedAt, n.ReadAt))
            .ToListAsync(cancellationToken);
        return new Page<NotificationView>(items, total, query.Page, query.PageSize);
    }

    /// <summary>How many of the caller's notifications are unread (the bell's number).</summary>
    /// <exception cref="ForbiddenException">The caller is an agency system.</exception>
    public async Task<int> CountUnreadAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        caller.RequirePerson("receive notifications");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Notifications.CountAsync(n => n.UserId == caller.Name && n.ReadAt == null, cancellationToken);
    }

    /// <summary>Marks one of the caller's notifications read (again: no change); returns it.</summary>
    /// <exception cref="ForbiddenException">The caller is an agency system.</exception>
    /// <exception cref="NotFoundException">No such notification of the caller's (another person's is not found either).</exception>
    public async Task<NotificationView> MarkReadAsync(Caller caller, long id, CancellationToken cancellationToken = default)
    {
        caller.RequirePerson("receive notifications");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var notification = await db.Notifications.SingleOrDefaultAsync(n => n.Id == id && n.UserId == caller.Name, cancellationToken)
            ?? throw new NotFoundException($"notification {id} does not exist");
        if (notification.ReadAt is null)
        {
            notification.ReadAt = time.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            signal.Raise([caller.Name]);
        }

        return new NotificationView(notification.Id, notification.Kind, notification.Title, notification.Body, notification.Link, notification.TaskId, notification.CreatedAt, notification.ReadAt);
    }

    /// <summary>Marks every unread notification of the caller's read; returns how many were unread.</summary>
    /// <exception cref="ForbiddenException">The caller is an agency system.</exception>
    public async Task<int> MarkAllReadAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        caller.RequirePerson("receive notifications");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var changed = await db.Notifications.Where(n => n.UserId == caller.Name && n.ReadAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadAt, now), cancellationToken);
        if (changed > 0)
        {
            signal.Raise([caller.Name]);
        }

        return changed;
    }
}
