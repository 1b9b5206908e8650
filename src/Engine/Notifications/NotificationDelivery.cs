using System.Diagnostics;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Engine.Notifications;

/// <summary>
/// Sends due e-mail and SMS deliveries through their channels (docs/decisions/023). Each round claims due deliveries —
/// pending or held ones whose time came, and ones left <see cref="NotificationDeliveryState.Sending"/> by a sender whose
/// lease ran out (its process died) — by marking them Sending with a lease and committing that BEFORE any is sent;
/// then sends each with its stored text and its Message-ID (the same on every attempt), and records Sent, a retry
/// (exponential backoff, <see cref="NotificationOptions"/>), or Failed (refused for good, or out of attempts).
/// A channel that is not configured is left alone: its deliveries stay Pending, nothing is lost, and the log says so once.
/// The address is read from the user at each attempt; the delivery row keeps only a masked copy.
/// </summary>
internal sealed class NotificationDelivery(
    IDbContextFactory<WorkflowDbContext> dbFactory,
    IEnumerable<INotificationChannel> channels,
    NotificationDeliverySignal signal,
    TimeProvider time,
    IOptions<NotificationOptions> options,
    ILogger<NotificationDelivery> logger) : SignalledLoop(signal, logger)
{
    private const int Batch = 50;

    private readonly Dictionary<string, INotificationChannel> _channels = channels.ToDictionary(c => c.Name, StringComparer.Ordinal);
    private readonly HashSet<string> _toldNotConfigured = [];

    protected override TimeSpan PollInterval => options.Value.PollInterval;

    protected override async Task<bool> RunRoundAsync(CancellationToken cancellationToken)
    {
        var ready = ReadyChannels();
        if (ready.Count == 0)
        {
            return false;
        }

        var claimed = await ClaimAsync(ready, cancellationToken);
        if (claimed.Count == 0)
        {
            return false;
        }

        List<UserRecord> users;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var userIds = claimed.Select(d => d.UserId).Distinct().ToList();
            users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToListAsync(cancellationToken);
        }

        var byId = users.ToDictionary(u => u.Id, StringComparer.Ordinal);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxConcurrentSends, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(claimed, parallel, async (delivery, token) => await SendAsync(delivery, byId.GetValueOrDefault(delivery.UserId), token));
        return claimed.Count == Batch;
    }

    /// <summary>The channels that can send now; says once per channel when one cannot.</summary>
    private List<string> ReadyChannels()
    {
        var ready = new List<string>();
        foreach (var name in (string[])[NotificationChannels.Email, NotificationChannels.Sms])
        {
            if (_channels.TryGetValue(name, out var channel) && channel.IsConfigured)
            {
                ready.Add(name);
            }
            else if (_toldNotConfigured.Add(name))
            {
                logger.LogWarning("No {Channel} server is configured: {Channel} notifications wait (Pending) until one is", name, name);
            }
        }

        return ready;
    }

    /// <summary>Marks up to <see cref="Batch"/> due deliveries Sending under this round's lease, commits, and returns them.</summary>
    private async Task<List<NotificationDeliveryRecord>> ClaimAsync(List<string> ready, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var leaseUntil = now + options.Value.SendLease;
        var token = Guid.NewGuid().ToString("N");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var due = db.NotificationDeliveries.Where(d => ready.Contains(d.Channel)
            && (((d.State == NotificationDeliveryState.Pending || d.State == NotificationDeliveryState.Held) && d.NextAttemptAt <= now)
                || (d.State == NotificationDeliveryState.Sending && d.LeaseUntil <= now)));
        var ids = await due.OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Id).Select(d => d.Id).Take(Batch).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return [];
        }

        // The condition again: a row another node claimed meanwhile no longer matches, so each row has one sender.
        await due.Where(d => ids.Contains(d.Id)).ExecuteUpdateAsync(u => u
            .SetProperty(d => d.State, NotificationDeliveryState.Sending)
            .SetProperty(d => d.LeaseUntil, leaseUntil)
            .SetProperty(d => d.LeaseToken, token)
            .SetProperty(d => d.Attempts, d => d.Attempts + 1), cancellationToken);
        return await db.NotificationDeliveries.AsNoTracking().Where(d => d.LeaseToken == token).OrderBy(d => d.Id).ToListAsync(cancellationToken);
    }

    private async Task SendAsync(NotificationDeliveryRecord delivery, UserRecord? user, CancellationToken cancellationToken)
    {
        var address = delivery.Channel == NotificationChannels.Email ? user?.Email : user?.PhoneNumber;
        if (user is null || user.DisabledAt is not null || string.IsNullOrWhiteSpace(address))
        {
            await RecordAsync(delivery, NotificationDeliveryState.Failed, null, user is null || user.DisabledAt is not null ? "the user is gone or disabled" : "the user has no address for this channel", cancellationToken);
            return;
        }

        using var span = EngineTelemetry.Source.StartActivity("notification.send");
        span?.SetTag("aiplustasks.notification.channel", delivery.Channel);
        span?.SetTag("aiplustasks.notification.delivery", delivery.Id);
        try
        {
            await _channels[delivery.Channel].SendAsync(new OutgoingMessage(delivery.MessageId, address, delivery.Subject, delivery.Body, delivery.Language), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var permanent = e is NotificationSendException { Permanent: true };
            var givenUp = permanent || delivery.Attempts >= options.Value.MaxAttempts;
            var error = e is NotificationSendException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            if (givenUp)
            {
                logger.LogWarning("Notification delivery {DeliveryId} ({Channel}) failed after {Attempts} attempts: {Error}", delivery.Id, delivery.Channel, delivery.Attempts, error);
            }

            span?.SetStatus(ActivityStatusCode.Error, error);
            await RecordAsync(delivery, givenUp ? NotificationDeliveryState.Failed : NotificationDeliveryState.Pending, time.GetUtcNow() + RetryDelay(delivery.Attempts), error, cancellationToken);
            return;
        }

        EngineTelemetry.NotificationLag.Record(
            (time.GetUtcNow() - delivery.CreatedAt).TotalSeconds, new KeyValuePair<string, object?>("channel", delivery.Channel));
        await RecordAsync(delivery, NotificationDeliveryState.Sent, null, null, cancellationToken);
    }

    /// <summary>Writes an attempt's outcome, if this round still holds the delivery.</summary>
    private async Task RecordAsync(NotificationDeliveryRecord delivery, NotificationDeliveryState state, DateTimeOffset? nextAttemptAt, string? error, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.NotificationDeliveries.Where(d => d.Id == delivery.Id && d.LeaseToken == delivery.LeaseToken).ExecuteUpdateAsync(u => u
            .SetProperty(d => d.State, state)
            .SetProperty(d => d.LeaseUntil, (DateTimeOffset?)null)
            .SetProperty(d => d.LeaseToken, (string?)null)
            .SetProperty(d => d.NextAttemptAt, d => nextAttemptAt ?? d.NextAttemptAt)
            .SetProperty(d => d.SentAt, d => state == NotificationDeliveryState.Sent ? now : d.SentAt)
            .SetProperty(d => d.LastError, error is { Length: > 1000 } ? error[..1000] : error), cancellationToken);
    }

    /// <summary>Exponential backoff from <see cref="NotificationOptions.RetryBaseDelay"/>, capped at <see cref="NotificationOptions.RetryMaxDelay"/>.</summary>
    private TimeSpan RetryDelay(int attempts)
    {
        var exponential = options.Value.RetryBaseDelay * Math.Pow(2, Math.Min(attempts - 1, 30));
        return exponential < options.Value.RetryMaxDelay ? exponential : options.Value.RetryMaxDelay;
    }
}
