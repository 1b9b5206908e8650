using System.Runtime.CompilerServices;
using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using Microsoft.EntityFrameworkCore;

namespace AiPlusTasks.Engine.Audit;

/// <summary>
/// The append-only audit trail (留痕) of every action: sign-ins and their failures, password and two-factor changes, user
/// administration, task and review actions, definitions, workflows, plans, delegations, keys, subscriptions, notification
/// settings, the calendar. Lines are only ever added; nothing in the product updates or deletes them, and the
/// <see cref="AuditSealer"/> links them into a hash chain that shows any later edit, deletion or reordering
/// (docs/decisions/032). Read by NDRC auditors and administrators.
/// </summary>
public sealed class AuditTrail(IDbContextFactory<WorkflowDbContext> dbFactory, AuditSealer sealer, TimeProvider time, DisplayNames? names = null)
{
    /// <summary>The actor of what the engine does by itself (the scheduled roll of a plan).</summary>
    public const string SystemActor = "system";

    /// <summary>The most lines one page shows.</summary>
    public const int MaxPageSize = 200;

    private const int DetailLimit = 4000;

    /// <summary>Appends one line, stamped with the current time; the background sealer links it into the chain.</summary>
    public Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default) => RecordAllAsync([entry], cancellationToken);

    /// <summary>Appends several lines in one transaction (a bulk job's batch), stamped with the current time.</summary>
    public async Task RecordAllAsync(IReadOnlyCollection<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        if (entries.Count == 0)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        AddTo(db, entries);
        await db.SaveChangesAsync(cancellationToken);
        Saved();
    }

    /// <summary>
    /// Adds lines, stamped with the current time, to the context of the change they record, so that they are saved in
    /// its transaction (no change without its line, and no line without its change); call <see cref="Saved"/> once it is.
    /// </summary>
    internal void AddTo(WorkflowDbContext db, IEnumerable<AuditEntry> entries)
    {
        var now = time.GetUtcNow();
        db.AuditEntries.AddRange(entries.Select(entry => new AuditRecord
        {
            At = now,
            Action = entry.Action,
            Actor = Cut(entry.Actor, 200),
            ActingFor = Cut(entry.ActingFor, 200),
            AgencyCode = Cut(entry.AgencyCode, 64),
            Target = Cut(entry.Target, 200),
            Outcome = entry.Outcome,
            Address = Cut(entry.Address, 64),
            Detail = Cut(entry.Detail, DetailLimit),
        }));
    }

    /// <summary>Lines added by <see cref="AddTo"/> were saved: the sealer links them into the chain.</summary>
    internal void Saved() => sealer.Poke();

    /// <summary>
    /// The line of what <paramref name="caller"/> did: the caller's name, agency and network address (<see cref="Caller.Address"/>),
    /// and whom they acted for through a delegation. The one place a line is made from a caller.
    /// </summary>
    public static AuditEntry Of(
        Caller caller, string action, string? target, string? detail = null, string? actingFor = null, string outcome = AuditOutcomes.Succeeded) =>
        new(action, caller.Name, target, outcome, caller.Address, detail, actingFor, caller.AgencyCode);

    /// <summary>Appends what <paramref name="caller"/> did (<see cref="Of"/>). The one way services record a caller's action.</summary>
    public Task RecordAsync(
        Caller caller, string action, string? target, string? detail = null, string? actingFor = null, string outcome = AuditOutcomes.Succeeded,
        CancellationToken cancellationToken = default) =>
        RecordAsync(Of(caller, action, target, detail, actingFor, outcome), cancellationToken);

    /// <summary>Appends what the engine did by itself (actor <see cref="SystemActor"/>); <paramref name="detail"/> says why (e.g. the schedule).</summary>
    public Task RecordSystemAsync(string action, string? target, string? detail = null, CancellationToken cancellationToken = default) =>
        RecordAsync(new AuditEntry(action, SystemActor, target, AuditOutcomes.Succeeded, Detail: detail), cancellationToken);

    /// <summary>The lines matching <paramref name="query"/>, newest first.</summary>
    public async Task<IReadOnlyList<AuditEntryView>> ListAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Views(Filter(db.AuditEntries.AsNoTracking(), query)).Take(Math.Clamp(query.Take, 1, 1000)).ToListAsync(cancellationToken);
    }

    /// <summary>One page of the lines matching <paramref name="query"/>, newest first, for an NDRC auditor or administrator.</summary>
    /// <exception cref="ForbiddenException">The caller is neither.</exception>
    public async Task<Page<AuditEntryView>> SearchAsync(Caller caller, AuditQuery query, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        RequireReader(caller);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = Filter(db.AuditEntries.AsNoTracking(), query);
        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        var total = await rows.CountAsync(cancellationToken);
        var items = await Views(rows).Skip((Math.Max(page, 1) - 1) * size).Take(size).ToListAsync(cancellationToken);
        return new Page<AuditEntryView>(items, total, Math.Max(page, 1), size);
    }

    /// <summary>
    /// Every line matching <paramref name="query"/>, newest first, read in batches as the caller enumerates (an export
    /// streams them; nothing holds them all), for an NDRC auditor or administrator.
    /// </summary>
    /// <exception cref="ForbiddenException">The caller is neither (thrown before the first line).</exception>
    public IAsyncEnumerable<AuditEntryView> StreamAsync(Caller caller, AuditQuery query, CancellationToken cancellationToken = default)
    {
        RequireReader(caller);
        return Stream(query, cancellationToken);
    }

    /// <summary>Seals what is pending and checks the whole chain (<see cref="AuditSealer.VerifyAsync"/>), for an NDRC auditor or administrator.</summary>
    /// <exception cref="ForbiddenException">The caller is neither.</exception>
    public Task<AuditVerification> VerifyAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        RequireReader(caller);
        return sealer.VerifyAsync(cancellationToken);
    }

    private async IAsyncEnumerable<AuditEntryView> Stream(AuditQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        const int batch = 500;
        long? before = null;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var rows = Filter(db.AuditEntries.AsNoTracking(), query);
            if (before is { } id)
            {
                rows = rows.Where(a => a.Id < id);
            }

            var lines = await Views(rows).Take(batch).ToListAsync(cancellationToken);
            foreach (var line in lines)
            {
                yield return line;
            }

            if (lines.Count < batch)
            {
                yield break;
            }

            before = lines[^1].Id;
        }
    }

    private static void RequireReader(Caller caller)
    {
        if (!caller.ReadsAuditTrail)
        {
            throw new ForbiddenException("only NDRC auditors and administrators read the audit trail");
        }
    }

    private IQueryable<AuditRecord> Filter(IQueryable<AuditRecord> rows, AuditQuery query)
    {
        if (query.Actor is not null)
        {
            rows = rows.Where(a => a.Actor == query.Actor);
        }

        if (!string.IsNullOrWhiteSpace(query.ActorNamed))
        {
            var people = (names?.UsersNamed(query.ActorNamed) ?? []).Append(query.ActorNamed.Trim()).ToList();
            rows = rows.Where(a => people.Contains(a.Actor!) || people.Contains(a.ActingFor!));
        }

        if (query.Action is not null)
        {
            rows = rows.Where(a => a.Action == query.Action);
        }

        if (query.Target is not null)
        {
            rows = rows.Where(a => a.Target == query.Target);
        }

        if (query.Agency is not null)
        {
            rows = rows.Where(a => a.AgencyCode == query.Agency);
        }

        if (query.Since is { } since)
        {
            rows = rows.Where(a => a.At >= since);
        }

        if (query.Until is { } until)
        {
            rows = rows.Where(a => a.At < until);
        }

        return rows;
    }

    // Ids grow with time on each node's inserts, so ordering by id is newest first on both providers.
    private static IQueryable<AuditEntryView> Views(IQueryable<AuditRecord> rows) => rows.OrderByDescending(a => a.Id)
        .Select(a => new AuditEntryView(a.Id, a.At, a.Action, a.Actor, a.Target, a.Outcome, a.Address, a.Detail, a.ActingFor, a.AgencyCode, a.Sequence));

    private static string? Cut(string? value, int limit) => value is null || value.Length <= limit ? value : value[..limit];
}
