using AiPlusTasks.Engine.Audit;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using Microsoft.EntityFrameworkCore;

namespace AiPlusTasks.Engine.Webhooks;

/// <summary>
/// Agency systems' webhook subscriptions and their delivery logs. Agency leads manage their own agency's
/// subscriptions; NDRC planners and supervisors manage every agency's (and NDRC's own receive every event). The
/// agency's staff read them, NDRC auditors read every agency's. Agency systems (API keys) and users without a working
/// role (administrators) neither read nor manage them: a delivery log holds receivers' answers, which are people's
/// business. Another agency's subscription is "not found".
/// </summary>
public sealed class WebhookSubscriptionService(
    IDbContextFactory<WorkflowDbContext> dbFactory,
    WebhookTargetPolicy targets,
    WebhookSecrets secrets,
    WebhookDispatchSignal signal,
    TimeProvider time,
    AuditTrail audit,
    Microsoft.Extensions.Options.IOptions<InputLimits>? limits = null)
{
    /// <summary>The agency whose subscriptions receive every agency's events.</summary>
    public const string AllAgencies = "ndrc";

    /// <summary>
    /// Makes a subscription for the caller's agency and returns it with its signing secret: shown this once, stored only
    /// encrypted (<see cref="WebhookSecrets"/>).
    /// </summary>
    /// <exception cref="ForbiddenException">The caller is not an agency lead or NDRC staff.</exception>
    /// <exception cref="RequestValidationException">A bad or refused URL (<c>url</c>), or unknown event types (<c>eventTypes</c>).</exception>
    public async Task<CreatedWebhookSubscription> CreateAsync(Caller caller, WebhookSubscriptionInput input, CancellationToken cancellationToken = default)
    {
        RequireManager(caller, caller.AgencyCode);
        var types = CheckEventTypes(input.EventTypes);
        if (input.Description is { Length: > 500 })
        {
            throw RequestValidationException.For("description", "the description is longer than 500 characters");
        }

        var maxUrl = (limits?.Value ?? new InputLimits()).MaxUrlLength;
        if (input.Url is { } text && text.Length > maxUrl)
        {
            throw RequestValidationException.For("url", $"a URL has at most {maxUrl} characters");
        }

        var url = await targets.CheckUrlAsync(input.Url, cancellationToken);
        var secret = WebhookSecrets.NewSecret();
        var record = new WebhookSubscriptionRecord
        {
            Id = "whs_" + Guid.NewGuid().ToString("N"),
            AgencyCode = caller.AgencyCode,
            Url = url.AbsoluteUri,
            EventTypes = string.Join(' ', types),
            Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim(),
            Secret = secrets.Protect(secret),
            CreatedBy = caller.Name,
            CreatedAt = time.GetUtcNow(),
        };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.WebhookSubscriptions.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(caller, AuditActions.WebhookSubscribe, record.Id, $"{record.Url} ({record.EventTypes})", cancellationToken: CancellationToken.None);
        return new CreatedWebhookSubscription(ToView(record, 0), secret);
    }

    /// <summary>The caller's agency's subscriptions (every agency's for NDRC), newest first.</summary>
    /// <exception cref="ForbiddenException">The caller reads no subscriptions (<see cref="RequireReader"/>).</exception>
    public async Task<Page<WebhookSubscriptionView>> ListAsync(Caller caller, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        RequireReader(caller);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var visible = db.WebhookSubscriptions.AsNoTracking().Where(s => caller.SeesAllAgencies || s.AgencyCode == caller.AgencyCode);
        var total = await visible.CountAsync(cancellationToken);
        var rows = await visible.OrderByDescending(s => s.CreatedAt).ThenBy(s => s.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(s => new { Record = s, Pending = db.WebhookDeliveries.Count(d => d.SubscriptionId == s.Id && d.State == WebhookDeliveryState.Pending) })
            .ToListAsync(cancellationToken);
        return new Page<WebhookSubscriptionView>([.. rows.Select(r => ToView(r.Record, r.Pending))], total, page, pageSize);
    }

    /// <summary>
    /// The subscriptions the caller manages (<see cref="Manages"/>) that the dispatcher turned off because their
    /// deliveries kept failing (<see cref="WebhookSubscriptionView.TurnedOffByFailures"/>), newest first; empty for
    /// anyone who manages none. One query, for a notice to the owners.
    /// </summary>
    public async Task<IReadOnlyList<WebhookSubscriptionView>> ListTurnedOffByFailuresAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        if (!Manages(caller, caller.AgencyCode))
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.WebhookSubscriptions.AsNoTracking()
            .Where(s => !s.Active && (caller.SeesAllAgencies || s.AgencyCode == caller.AgencyCode))
            .OrderByDescending(s => s.DisabledAt).ThenBy(s => s.Id)
            .Select(s => new { Record = s, Pending = db.WebhookDeliveries.Count(d => d.SubscriptionId == s.Id && d.State == WebhookDeliveryState.Pending) })
            .ToListAsync(cancellationToken);

        // Turned off subscriptions are few; the rule that tells the dispatcher's reason from a person's stays in one place.
        return [.. rows.Select(r => ToView(r.Record, r.Pending)).Where(v => v.TurnedOffByFailures)];
    }

    /// <summary>
    /// Whether the caller may create, turn on or off, delete and redeliver <paramref name="agencyCode"/>'s
    /// subscriptions: its agency lead, or an NDRC planner or supervisor.
    /// </summary>
    public static bool Manages(Caller caller, string agencyCode) => caller.IsNdrcStaff || (caller.IsLead && caller.AgencyCode == agencyCode);

    /// <exception cref="ForbiddenException">The caller reads no subscriptions (<see cref="RequireReader"/>).</exception>
    /// <exception cref="NotFoundException">No such subscription the caller may see.</exception>
    public async Task<WebhookSubscriptionView> GetAsync(Caller caller, string id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var record = await FindVisibleAsync(db, caller, id, cancellationToken);
        return ToView(record, await PendingAsync(db, id, cancellationToken));
    }

    /// <summary>Deletes a subscription and its delivery log; its pending deliveries are dropped.</summary>
    public async Task DeleteAsync(Caller caller, string id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var record = await FindVisibleAsync(db, caller, id, cancellationToken);
        RequireManager(caller, record.AgencyCode);
        db.WebhookSubscriptions.Remove(record);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(caller, AuditActions.WebhookUnsubscribe, id, record.Url, cancellationToken: CancellationToken.None);
    }

    /// <summary>
    /// Turns a subscription on (its waiting deliveries go out, oldest first, and its failure count starts again) or
    /// off (new events are not queued for it; waiting ones stay).
    /// </summary>
    public async Task<WebhookSubscriptionView> SetActiveAsync(Caller caller, string id, bool active, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var record = await FindVisibleAsync(db, caller, id, cancellationToken, tracked: true);
        RequireManager(caller, record.AgencyCode);
        if (record.Active != active)
        {
            record.Active = active;
            record.ConsecutiveFailures = 0;
            record.DisabledAt = active ? null : time.GetUtcNow();
            record.DisabledReason = active ? null : $"turned off by {caller.Name}";
            record.ConcurrencyVersion++;
            await SaveAsync(db, id, cancellationToken);
            await audit.RecordAsync(caller, active ? AuditActions.WebhookActivate : AuditActions.WebhookDeactivate, id, record.Url, cancellationToken: CancellationToken.None);
            if (active)
            {
                await db.WebhookDeliveries.Where(d => d.SubscriptionId == id && d.State == WebhookDeliveryState.Pending)
                    .ExecuteUpdateAsync(u => u.SetProperty(d => d.NextAttemptAt, time.GetUtcNow()), cancellationToken);
                signal.Notify();
            }
        }

        return ToView(record, await PendingAsync(db, id, cancellationToken));
    }

    /// <summary>The subscription's delivery log, newest first; optionally only deliveries in one state.</summary>
    /// <exception cref="ForbiddenException">The caller reads no subscriptions (<see cref="RequireReader"/>).</exception>
    /// <exception cref="NotFoundException">No such subscription the caller may see.</exception>
    public async Task<Page<WebhookDeliveryView>> ListDeliveriesAsync(Caller caller, string id, WebhookDeliveryState? state, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await FindVisibleAsync(db, caller, id, cancellationToken);
        var deliveries = db.WebhookDeliveries.AsNoTracking().Where(d => d.SubscriptionId == id && (state == null || d.State == state));
        var total = await deliveries.CountAsync(cancellationToken);
        var rows = await deliveries.OrderByDescending(d => d.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new Page<WebhookDeliveryView>([.. rows.Select(ToView)], total, page, pageSize);
    }

    /// <summary>Queues an event again for the subscription, with the same <c>webhook-id</c> (manual redelivery).</summary>
    /// <exception cref="ConflictException">That delivery is still waiting to go out.</exception>
    public async Task<WebhookDeliveryView> RedeliverAsync(Caller caller, string id, long deliveryId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var subscription = await FindVisibleAsync(db, caller, id, cancellationToken);
        RequireManager(caller, subscription.AgencyCode);
        var original = await db.WebhookDeliveries.AsNoTracking().SingleOrDefaultAsync(d => d.Id == deliveryId && d.SubscriptionId == id, cancellationToken)
            ?? throw new NotFoundException($"delivery {deliveryId} of webhook subscription '{id}' does not exist");
        if (original.State == WebhookDeliveryState.Pending)
        {
            throw new ConflictException($"delivery {deliveryId} is still waiting to go out");
        }

        var now = time.GetUtcNow();
        var copy = new WebhookDeliveryRecord
        {
            SubscriptionId = id,
            EventId = original.EventId,
            EventType = original.EventType,
            Payload = original.Payload,
            State = WebhookDeliveryState.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
        };
        db.WebhookDeliveries.Add(copy);
        await db.SaveChangesAsync(cancellationToken);
        return ToView(copy);
    }

    /// <summary>
    /// The one rule for reading subscriptions and delivery logs, checked before any subscription is looked up (so a
    /// refused caller learns nothing about ids): people who work in an agency (staff, lead) read their agency's, NDRC
    /// staff and auditors every agency's; agency systems and administrators none.
    /// </summary>
    private static void RequireReader(Caller caller)
    {
        caller.RequirePerson("read webhook subscriptions or their delivery logs");
        if (!caller.SeesAllAgencies && !caller.IsAgencyMember)
        {
            throw new ForbiddenException("only the agency's staff and lead, NDRC staff and auditors read webhook subscriptions");
        }
    }

    private static void RequireManager(Caller caller, string agencyCode)
    {
        if (!Manages(caller, agencyCode))
        {
            throw new ForbiddenException("only the agency's lead or NDRC planners and supervisors manage webhook subscriptions");
        }
    }

    private static IReadOnlyList<string> CheckEventTypes(IReadOnlyList<string>? types)
    {
        if (types is null || types.Count == 0)
        {
            throw RequestValidationException.For("eventTypes", $"name the event types to receive ({WebhookEventTypes.All} for all)");
        }

        var unknown = types.Where(t => t != WebhookEventTypes.All && !WebhookEventTypes.Known.Contains(t)).ToList();
        return unknown.Count > 0
            ? throw RequestValidationException.For("eventTypes", $"unknown event types: {string.Join(", ", unknown)}; known: {string.Join(", ", WebhookEventTypes.Known)}")
            : types.Contains(WebhookEventTypes.All) ? [WebhookEventTypes.All] : [.. types.Distinct(StringComparer.Ordinal)];
    }

    private static async Task<WebhookSubscriptionRecord> FindVisibleAsync(WorkflowDbContext db, Caller caller, string id, CancellationToken cancellationToken, bool tracked = false)
    {
        RequireReader(caller);
        var query = tracked ? db.WebhookSubscriptions : db.WebhookSubscriptions.AsNoTracking();
        var record = await query.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        return record is not null && (caller.SeesAllAgencies || record.AgencyCode == caller.AgencyCode)
            ? record
            : throw new NotFoundException($"webhook subscription '{id}' does not exist");
    }

    private static Task<int> PendingAsync(WorkflowDbContext db, string id, CancellationToken cancellationToken) =>
        db.WebhookDeliveries.CountAsync(d => d.SubscriptionId == id && d.State == WebhookDeliveryState.Pending, cancellationToken);

    private static async Task SaveAsync(WorkflowDbContext db, string id, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException($"webhook subscription '{id}' was changed at the same time; try again");
        }
    }

    private static WebhookSubscriptionView ToView(WebhookSubscriptionRecord s, int pending) => new(
        s.Id, s.AgencyCode, s.Url, s.EventTypes.Split(' ', StringSplitOptions.RemoveEmptyEntries), s.Description, s.Active, s.ConsecutiveFailures,
        s.DisabledAt, s.DisabledReason, s.CreatedBy, s.CreatedAt, s.LastDeliveredAt, pending);

    private static WebhookDeliveryView ToView(WebhookDeliveryRecord d) => new(
        d.Id, d.EventId, d.EventType, d.State, d.Attempts, d.CreatedAt, d.LastAttemptAt,
        d.State == WebhookDeliveryState.Pending ? d.NextAttemptAt : null, d.LastStatusCode, d.LastError, d.DeliveredAt);
}
