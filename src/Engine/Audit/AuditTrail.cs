using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.EntityFrameworkCore;

namespace AiPlusTasks.Engine.Audit;

/// <summary>
/// The append-only audit trail (留痕) of security-relevant actions: sign-ins and their failures, password and two-factor
/// changes, user administration. Lines are only ever added; nothing in the product updates or deletes them.
/// </summary>
public sealed class AuditTrail(IDbContextFactory<WorkflowDbContext> dbFactory, TimeProvider time)
{
    private const int DetailLimit = 4000;

    /// <summary>Appends one line, stamped with the current time.</summary>
    public async Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.AuditEntries.Add(new AuditRecord
        {
            At = time.GetUtcNow(),
            Action = entry.Action,
            Actor = Cut(entry.Actor, 200),
            Target = Cut(entry.Target, 200),
            Outcome = entry.Outcome,
            Address = Cut(entry.Address, 64),
            Detail = Cut(entry.Detail, DetailLimit),
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The lines matching <paramref name="query"/>, newest first.</summary>
    public async Task<IReadOnlyList<AuditEntryView>> ListAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = db.AuditEntries.AsNoTracking();
        if (query.Actor is not null)
        {
            rows = rows.Where(a => a.Actor == query.Actor);
        }

        if (query.Action is not null)
        {
            rows = rows.Where(a => a.Action == query.Action);
        }

        if (query.Target is not null)
        {
            rows = rows.Where(a => a.Target == query.Target);
        }

        if (query.Since is { } since)
        {
            rows = rows.Where(a => a.At >= since);
        }

        // Ids grow with time (one writer order per database), so ordering by id is newest first on both providers.
        return await rows.OrderByDescending(a => a.Id).Take(Math.Clamp(query.Take, 1, 1000))
            .Select(a => new AuditEntryView(a.Id, a.At, a.Action, a.Actor, a.Target, a.Outcome, a.Address, a.Detail))
            .ToListAsync(cancellationToken);
    }

    private static string? Cut(string? value, int limit) => value is null || value.Length <= limit ? value : value[..limit];
}
