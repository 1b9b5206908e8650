using System.Diagnostics;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Engine.Webhooks;

/// <summary>
/// Takes committed events from the outbox and delivers them. Each round: (1) fan-out — every undispatched outbox row
/// becomes one pending delivery per active subscription that wants it (its type, and its agency unless the
/// subscription is NDRC's), and is marked dispatched, in one transaction, so an event is queued once or not at all;
/// (2) delivery — each subscription's pending deliveries go out oldest first, one at a time, so a receiver sees a
/// task's events in the order they happened; a failure stops that subscription's queue until the retry is due
/// (exponential backoff with jitter, <see cref="WebhookOptions"/>). Every attempt keeps the event's id as
/// <c>webhook-id</c>. Wakes on <see cref="WebhookDispatchSignal"/> (raised with every <see cref="OutboxSignal"/>) (<see cref="WebhookOptions.WakeDelay"/> later, so a burst of
/// commits makes one round) or every <see cref="WebhookOptions.PollInterval"/>.
/// </summary>
internal sealed class WebhookDispatcher(
    IDbContextFactory<WorkflowDbContext> dbFactory,
    WebhookSender sender,
    WebhookDispatchSignal signal,
    EventFeed feed,
    TimeProvider time,
    IOptions<WebhookOptions> options,
    ILogger<WebhookDispatcher> logger) : SignalledLoop(signal, logger)
{
    private const int FanOutBatch = 500;

    /// <summary>Most deliveries sent to one subscription in a round, so one busy receiver cannot hold up the next round's fan-out.</summary>
    private const int DeliveriesPerRound = 100;

    private const int SuccessesPerCommit = 20;

    protected override TimeSpan PollInterval => options.Value.PollInterval;

    protected override TimeSpan WakeDelay => options.Value.WakeDelay;

    protected override async Task<bool> RunRoundAsync(CancellationToken cancellationToken)
    {
        var fannedOut = await FanOutAsync(cancellationToken);
        await DeliverAsync(cancellationToken);
        return fannedOut == FanOutBatch;
    }

    private async Task<int> FanOutAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await SharedWork.BeginLockingTransactionAsync(db, cancellationToken);
        if (!await SharedWork.TryLockForTransactionAsync(db, SharedLock.WebhookFanOut, cancellationToken))
        {
            // Another node is fanning out; one at a time keeps each subscription's queue in event order.
            return 0;
        }

        var events = await db.Outbox.Where(o => o.DispatchedAt == null).OrderBy(o => o.Position).Take(FanOutBatch).ToListAsync(cancellationToken);
        if (events.Count == 0)
        {
            return 0;
        }

        var subscriptions = (await db.WebhookSubscriptions.AsNoTracking().Where(s => s.Active).ToListAsync(cancellationToken))
            .Select(s => (s.Id, Agency: s.AgencyCode, Types: s.EventTypes.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal)))
            .ToList();
        var now = time.GetUtcNow();
        var published = new List<FeedEvent>(events.Count);
        foreach (var outboxEvent in events)
        {
            var agencies = outboxEvent.Agencies?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
            foreach (var subscription in subscriptions.Where(s => (s.Types.Contains("*") || s.Types.Contains(outboxEvent.Type))
                && (s.Agency == WebhookSubscriptionService.AllAgencies || agencies.Contains(s.Agency, StringComparer.Ordinal))))
            {
                db.WebhookDeliveries.Add(new WebhookDeliveryRecord
                {
                    SubscriptionId = subscription.Id,
                    EventId = outboxEvent.Id,
                    EventType = outboxEvent.Type,
                    Payload = outboxEvent.Payload,
                    State = WebhookDeliveryState.Pending,
                    NextAttemptAt = now,
                    CreatedAt = now,
                });
            }

            outboxEvent.DispatchedAt = now;
            published.Add(new FeedEvent(outboxEvent.Type, agencies));
        }

        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        feed.Publish(published);
        return events.Count;
    }

    private async Task DeliverAsync(CancellationToken cancellationToken)
    {
        List<WebhookSubscriptionRecord> due;
        var now = time.GetUtcNow();
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var heads = db.WebhookDeliveries.Where(d => d.State == WebhookDeliveryState.Pending)
                .GroupBy(d => d.SubscriptionId)
                .Select(g => g.Min(d => d.Id));
            var dueSubscriptionIds = db.WebhookDeliveries.Where(d => heads.Contains(d.Id) && d.NextAttemptAt <= now).Select(d => d.SubscriptionId);
            due = await db.WebhookSubscriptions.AsNoTracking().Where(s => s.Active && dueSubscriptionIds.Contains(s.Id)).ToListAsync(cancellationToken);
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxConcurrentSubscriptions, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(due, parallel, async (subscription, token) => await DeliverQueueAsync(subscription, token));
    }

    /// <summary>
    /// Sends a subscription's due deliveries in order until one fails or the round's share is used; with several nodes,
    /// one node at a time sends a subscription's queue. Successes are
    /// written <see cref="SuccessesPerCommit"/> at a time (one commit per delivery cost more than the POST itself); a
    /// crash before that write sends them again with the same <c>webhook-id</c>, which is the at-least-once contract.
    /// </summary>
    private async Task DeliverQueueAsync(WebhookSubscriptionRecord subscription, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await SharedWork.TryLockAsync(db, SharedLock.WebhookQueue, subscription.Id, cancellationToken))
        {
            // Another node is sending this subscription's queue.
            return;
        }

        try
        {
            await DeliverQueueInOrderAsync(db, subscription, cancellationToken);
        }
        finally
        {
            await SharedWork.UnlockAsync(db, SharedLock.WebhookQueue, subscription.Id, CancellationToken.None);
        }
    }

    private async Task DeliverQueueInOrderAsync(WorkflowDbContext db, WebhookSubscriptionRecord subscription, CancellationToken cancellationToken)
    {
        var queue = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.SubscriptionId == subscription.Id && d.State == WebhookDeliveryState.Pending)
            .OrderBy(d => d.Id)
            .Take(DeliveriesPerRound)
            .ToListAsync(cancellationToken);
        var delivered = new List<(long Id, int Status)>(SuccessesPerCommit);
        foreach (var delivery in queue)
        {
            if (delivery.NextAttemptAt > time.GetUtcNow())
            {
                break;
            }

            var attempt = await SendAsync(subscription, delivery, cancellationToken);
            if (!attempt.Delivered)
            {
                await RecordDeliveredAsync(db, subscription, delivered, cancellationToken);
                await RecordFailureAsync(db, subscription, delivery, attempt, cancellationToken);
                return;
            }

            delivered.Add((delivery.Id, attempt.StatusCode ?? 0));
            if (delivered.Count == SuccessesPerCommit && !await RecordDeliveredAsync(db, subscription, delivered, cancellationToken))
            {
                return;
            }
        }

        await RecordDeliveredAsync(db, subscription, delivered, cancellationToken);
    }

    /// <summary>
    /// Sends one delivery inside a <c>webhook.deliver</c> span (subscription, event; the HTTP client's span nests in it)
    /// and, when it got through, records its lag since the delivery's row was made.
    /// </summary>
    private async Task<WebhookAttempt> SendAsync(WebhookSubscriptionRecord subscription, WebhookDeliveryRecord delivery, CancellationToken cancellationToken)
    {
        using var span = EngineTelemetry.Source.StartActivity("webhook.deliver");
        span?.SetTag("aiplustasks.webhook.subscription", subscription.Id);
        span?.SetTag("aiplustasks.webhook.event.id", delivery.EventId);
        span?.SetTag("aiplustasks.webhook.event.type", delivery.EventType);
        var attempt = await sender.SendAsync(subscription.Url, subscription.Secret, delivery.EventId, delivery.Payload, cancellationToken);
        if (attempt.Delivered)
        {
            EngineTelemetry.WebhookDeliveryLag.Record((time.GetUtcNow() - delivery.CreatedAt).TotalSeconds);
        }
        else
        {
            span?.SetStatus(ActivityStatusCode.Error, attempt.Error);
        }

        return attempt;
    }

    /// <summary>Marks deliveries delivered and clears the list; false when the subscription went away or was turned off meanwhile.</summary>
    private async Task<bool> RecordDeliveredAsync(WorkflowDbContext db, WebhookSubscriptionRecord subscription, List<(long Id, int Status)> delivered, CancellationToken cancellationToken)
    {
        if (delivered.Count == 0)
        {
            return true;
        }

        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var byStatus in delivered.GroupBy(d => d.Status))
        {
            var ids = byStatus.Select(d => d.Id).ToList();
            await db.WebhookDeliveries.Where(d => ids.Contains(d.Id)).ExecuteUpdateAsync(u => u
                .SetProperty(d => d.State, WebhookDeliveryState.Delivered)
                .SetProperty(d => d.Attempts, d => d.Attempts + 1)
                .SetProperty(d => d.FirstAttemptAt, d => d.FirstAttemptAt ?? now)
                .SetProperty(d => d.LastAttemptAt, now)
                .SetProperty(d => d.DeliveredAt, now)
                .SetProperty(d => d.LastStatusCode, byStatus.Key)
                .SetProperty(d => d.LastError, (string?)null), cancellationToken);
        }

        var stillActive = await db.WebhookSubscriptions.Where(s => s.Id == subscription.Id && s.Active).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.ConsecutiveFailures, 0)
            .SetProperty(s => s.LastDeliveredAt, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        delivered.Clear();
        return stillActive == 1;
    }

    /// <summary>Writes a failed attempt: the retry's time (or failed for good), and the run of failures that may turn the subscription off.</summary>
    private async Task RecordFailureAsync(WorkflowDbContext db, WebhookSubscriptionRecord subscription, WebhookDeliveryRecord delivery, WebhookAttempt attempt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var attempts = delivery.Attempts + 1;
        var firstAttemptAt = delivery.FirstAttemptAt ?? now;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var givenUp = now - firstAttemptAt >= options.Value.RetryFor;
        await db.WebhookDeliveries.Where(d => d.Id == delivery.Id).ExecuteUpdateAsync(u => u
            .SetProperty(d => d.State, givenUp ? WebhookDeliveryState.Failed : WebhookDeliveryState.Pending)
            .SetProperty(d => d.Attempts, attempts)
            .SetProperty(d => d.FirstAttemptAt, firstAttemptAt)
            .SetProperty(d => d.LastAttemptAt, now)
            .SetProperty(d => d.NextAttemptAt, now + RetryDelay(attempts))
            .SetProperty(d => d.LastStatusCode, attempt.StatusCode)
            .SetProperty(d => d.LastError, Truncate(attempt.Error)), cancellationToken);
        await db.WebhookSubscriptions.Where(s => s.Id == subscription.Id).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.ConsecutiveFailures, s => s.ConsecutiveFailures + 1), cancellationToken);
        var limit = options.Value.DisableAfterFailures;
        var reason = Truncate($"{WebhookSubscriptionView.TurnedOffByFailuresPrefix}{limit} failed attempts in a row; the last: {attempt.Error}");
        var disabled = await db.WebhookSubscriptions.Where(s => s.Id == subscription.Id && s.Active && s.ConsecutiveFailures >= limit).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.Active, false)
            .SetProperty(s => s.DisabledAt, now)
            .SetProperty(s => s.DisabledReason, reason)
            .SetProperty(s => s.ConcurrencyVersion, s => s.ConcurrencyVersion + 1), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (disabled == 1)
        {
            logger.LogWarning("Webhook subscription {SubscriptionId} of {Agency} turned off after {Count} failed attempts in a row", subscription.Id, subscription.AgencyCode, limit);
        }
    }

    /// <summary>Exponential backoff from <see cref="WebhookOptions.RetryBaseDelay"/>, capped, with half of it random (jitter).</summary>
    private TimeSpan RetryDelay(int attempts)
    {
        var exponential = options.Value.RetryBaseDelay * Math.Pow(2, Math.Min(attempts - 1, 30));
        var capped = exponential < options.Value.RetryMaxDelay ? exponential : options.Value.RetryMaxDelay;
        return capped / 2 + capped / 2 * Random.Shared.NextDouble();
    }

    private static string? Truncate(string? text) => text is { Length: > 1000 } ? text[..1000] : text;
}
