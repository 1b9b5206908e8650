using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using Microsoft.EntityFrameworkCore;

namespace AiPlusTasks.Engine.Notifications;

/// <summary>The log of every e-mail and SMS: state, attempts, last error, masked address. For NDRC planners and supervisors.</summary>
public sealed class NotificationDeliveryLog(IDbContextFactory<WorkflowDbContext> dbFactory)
{
    /// <summary>Deliveries, newest first, filtered.</summary>
    /// <exception cref="ForbiddenException">The caller is not an NDRC planner or supervisor.</exception>
    /// <exception cref="RequestValidationException"><c>channel</c> is not email or sms; <c>page</c>/<c>pageSize</c> out of range.</exception>
    public async Task<Page<NotificationDeliveryView>> ListAsync(Caller caller, NotificationDeliveryQuery query, CancellationToken cancellationToken = default)
    {
        if (!caller.IsNdrcStaff || caller.IsSystem)
        {
            throw new ForbiddenException("only NDRC planners and supervisors read the notification delivery log");
        }

        var errors = new Dictionary<string, string[]>();
        if (query.Channel is not null and not (NotificationChannels.Email or NotificationChannels.Sms))
        {
            errors["channel"] = ["channel must be email or sms"];
        }

        if (query.Page < 1)
        {
            errors["page"] = ["page must be 1 or more"];
        }

        if (query.PageSize is < 1 or > 200)
        {
            errors["pageSize"] = ["pageSize must be between 1 and 200"];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var deliveries = db.NotificationDeliveries.AsNoTracking();
        if (query.State is { } state)
        {
            deliveries = deliveries.Where(d => d.State == state);
        }

        if (query.Channel is { } channel)
        {
            deliveries = deliveries.Where(d => d.Channel == channel);
        }

        if (query.User is { } user)
        {
            deliveries = deliveries.Where(d => d.UserId == user);
        }

        var total = await deliveries.CountAsync(cancellationToken);
        var rows = await deliveries.OrderByDescending(d => d.Id)
            .Skip((query.Page - 1) * query.PageSize)
            .Take(query.PageSize)
            .ToListAsync(cancellationToken);
        var userIds = rows.Select(r => r.UserId).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var items = rows.Select(d => new NotificationDeliveryView(
            d.Id, d.NotificationId, d.UserId, names.GetValueOrDefault(d.UserId) ?? d.UserId, d.Kind, d.Channel, d.State, d.MaskedAddress, d.MessageId,
            d.Attempts, d.NextAttemptAt, d.LastError, d.CreatedAt, d.SentAt)).ToList();
        return new Page<NotificationDeliveryView>(items, total, query.Page, query.PageSize);
    }
}
