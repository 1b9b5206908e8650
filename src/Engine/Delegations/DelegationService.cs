using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Audit;
using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Workflows.Execution;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Engine.Delegations;

/// <summary>
/// Delegations (代理): a user, or their agency's lead for them (or an NDRC administrator), names a substitute of the same
/// agency for a range of China-time days, for all their tasks or one plan's or pillar's. A delegation is in force on the
/// days of its range until revoked and ends by itself; the task service reads it (<see cref="InForceForAsync"/>) to put the
/// delegator's tasks in the substitute's inbox and to record "Y 代 X" on what the substitute does
/// (docs/decisions/027-delegation.md). Each change is an outbox event to the agency and an audit entry.
/// </summary>
public sealed class DelegationService(
    IDbContextFactory<WorkflowDbContext> dbFactory,
    TimeProvider time,
    IOptions<EngineOptions> engineOptions,
    IOptions<InputLimits> limits,
    AuditTrail audit,
    Catalog? catalog = null)
{
    /// <summary>The longest range of one delegation, in days.</summary>
    public const int MaxDays = 366;

    private readonly TimeZoneInfo _timeZone = TimeZoneInfo.FindSystemTimeZoneById(engineOptions.Value.TimeZone);

    /// <summary>Today in China time (the engine's time zone and clock): the day delegations are in force or not.</summary>
    public DateOnly Today => WorkingDays.LocalDate(time.GetUtcNow(), _timeZone);

    /// <summary>
    /// The delegations the caller sees, newest first: their own (given and received); an agency lead sees the agency's,
    /// an NDRC administrator every agency's. <paramref name="user"/> keeps those given or received by one user.
    /// </summary>
    /// <exception cref="ForbiddenException">An agency system (delegations are people's).</exception>
    public async Task<Page<DelegationView>> ListAsync(Caller caller, string? user = null, int page = 1, int pageSize = 50, CancellationToken cancellationToken = default)
    {
        caller.RequirePerson("delegate work");

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = Visible(db.Delegations.AsNoTracking(), caller);
        if (!string.IsNullOrWhiteSpace(user))
        {
            rows = rows.Where(d => d.FromUser == user || d.ToUser == user);
        }

        var total = await rows.CountAsync(cancellationToken);
        var items = await rows.OrderByDescending(d => d.CreatedAt).ThenBy(d => d.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        var today = Today;
        return new Page<DelegationView>([.. items.Select(d => ToView(d, today))], total, page, pageSize);
    }

    /// <summary>
    /// Makes a delegation. The caller delegates their own work, or (an agency lead) a member's of the agency, or (an NDRC
    /// administrator) anyone's. Refused as 400 naming the field: no substitute, an unknown one, one of another agency, or the
    /// delegator (<c>toUser</c>); a missing start (<c>startsOn</c>); a missing end, one before the start or in the past, or a
    /// range longer than <see cref="MaxDays"/> (<c>endsOn</c>); an unknown plan (<c>planId</c>), pillar (<c>pillar</c>) or both;
    /// a range that overlaps another delegation of the delegator whose scope meets this one (<c>startsOn</c>); a chain — the
    /// substitute delegated their own work, or the delegator acts for someone, on an overlapping day (<c>toUser</c>).
    /// </summary>
    /// <exception cref="ForbiddenException">The caller may not delegate the named user's work, or is not a person who works on tasks.</exception>
    public async Task<DelegationView> CreateAsync(Caller caller, DelegationRequest request, CancellationToken cancellationToken = default)
    {
        caller.RequirePerson("delegate work");
        CheckLengths(request);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (from, agency) = await DelegatorAsync(db, caller, request.FromUser, cancellationToken);
        var errors = new Dictionary<string, string[]>();
        var to = request.ToUser?.Trim();
        if (string.IsNullOrEmpty(to))
        {
            errors["toUser"] = ["name the substitute"];
        }
        else if (to == from)
        {
            errors["toUser"] = ["nobody acts for themselves: name someone else"];
        }
        else if (!await db.Users.AsNoTracking().AnyAsync(u => u.Id == to && u.AgencyCode == agency && u.DisabledAt == null, cancellationToken))
        {
            errors["toUser"] = [$"'{to}' is not a user of {agency}: a substitute is of the same agency"];
        }

        var today = Today;
        if (request.StartsOn is not { } starts)
        {
            errors["startsOn"] = ["startsOn is required: a date like 2026-12-21"];
        }

        if (request.EndsOn is not { } ends)
        {
            errors["endsOn"] = ["endsOn is required: a date like 2026-12-27"];
        }
        else if (request.StartsOn is { } start && ends < start)
        {
            errors["endsOn"] = ["endsOn is before startsOn"];
        }
        else if (ends < today)
        {
            errors["endsOn"] = [$"endsOn is in the past (today is {today:yyyy-MM-dd})"];
        }
        else if (request.StartsOn is { } first && ends.DayNumber - first.DayNumber >= MaxDays)
        {
            errors["endsOn"] = [$"a delegation lasts at most {MaxDays} days"];
        }

        var plan = string.IsNullOrWhiteSpace(request.PlanId) ? null : request.PlanId.Trim();
        var pillar = string.IsNullOrWhiteSpace(request.Pillar) ? null : request.Pillar.Trim();
        if (plan is not null && pillar is not null)
        {
            errors["pillar"] = ["a delegation covers all tasks, one plan or one pillar: not a plan and a pillar"];
        }
        else if (plan is not null && !await db.Plans.AsNoTracking().AnyAsync(p => p.Id == plan, cancellationToken))
        {
            errors["planId"] = [$"unknown plan '{plan}'"];
        }
        else if (pillar is not null && catalog is not null && catalog.FindPillarOrItem(pillar) is null)
        {
            errors["pillar"] = [$"unknown pillar '{pillar}'"];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        var (startsOn, endsOn) = (request.StartsOn!.Value, request.EndsOn!.Value);
        var overlapping = await db.Delegations.AsNoTracking()
            .Where(d => d.RevokedAt == null && d.StartsOn <= endsOn && d.EndsOn >= startsOn && (d.FromUser == from || d.ToUser == from || d.FromUser == to))
            .ToListAsync(cancellationToken);
        if (overlapping.FirstOrDefault(d => d.FromUser == from && ScopesMeet(d, plan, pillar)) is { } same)
        {
            throw RequestValidationException.For("startsOn", $"{from} already delegates to {same.ToUser} from {same.StartsOn:yyyy-MM-dd} to {same.EndsOn:yyyy-MM-dd} for the same work");
        }

        if (overlapping.FirstOrDefault(d => d.ToUser == from) is { } acting)
        {
            throw RequestValidationException.For("toUser", $"{from} acts for {acting.FromUser} on some of these days: no delegation in a chain");
        }

        if (overlapping.FirstOrDefault(d => d.FromUser == to) is { } away)
        {
            throw RequestValidationException.For("toUser", $"{to} has delegated their own work to {away.ToUser} on some of these days: no delegation in a chain");
        }

        var now = time.GetUtcNow();
        var record = new DelegationRecord
        {
            Id = "dlg_" + Guid.NewGuid().ToString("N"),
            AgencyCode = agency,
            FromUser = from,
            ToUser = to!,
            StartsOn = startsOn,
            EndsOn = endsOn,
            PlanId = plan,
            Pillar = pillar,
            Reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim(),
            CreatedBy = caller.Name,
            CreatedAt = now,
        };
        db.Delegations.Add(record);
        db.Outbox.Add(OutboxEvents.Create(OutboxEventTypes.DelegationCreated, null, EventData(record, caller.Name), now, agency));
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(caller, AuditActions.DelegationCreate, record.Id,
            $"{from} → {record.ToUser}, {startsOn:yyyy-MM-dd}–{endsOn:yyyy-MM-dd}{Scope(record)}", cancellationToken: CancellationToken.None);
        return ToView(record, today);
    }

    /// <summary>
    /// Revokes a delegation (the delegator, the substitute, the agency's lead or an NDRC administrator), with a reason: it
    /// is not in force from then on. Another agency's delegation, or one the caller may not see, is not found.
    /// </summary>
    /// <exception cref="RequestValidationException">No reason (<c>reason</c>).</exception>
    /// <exception cref="NotFoundException">No such delegation the caller sees.</exception>
    /// <exception cref="ConflictException">Already revoked, or already ended.</exception>
    public async Task<DelegationView> RevokeAsync(Caller caller, string id, DelegationRevocation revocation, CancellationToken cancellationToken = default)
    {
        caller.RequirePerson("delegate work");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var record = await Visible(db.Delegations, caller).SingleOrDefaultAsync(d => d.Id == id, cancellationToken)
            ?? throw new NotFoundException($"delegation '{id}' does not exist");
        var reason = revocation.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            throw RequestValidationException.For("reason", "say why the delegation ends early");
        }

        if (reason.Length > limits.Value.MaxTextLength)
        {
            throw RequestValidationException.For("reason", $"reason has at most {limits.Value.MaxTextLength} characters");
        }

        var today = Today;
        if (record.RevokedAt is not null)
        {
            throw new ConflictException($"delegation '{id}' is already revoked");
        }

        if (record.EndsOn < today)
        {
            throw new ConflictException($"delegation '{id}' already ended on {record.EndsOn:yyyy-MM-dd}");
        }

        var now = time.GetUtcNow();
        record.RevokedAt = now;
        record.RevokedBy = caller.Name;
        record.RevokeReason = reason;
        var data = EventData(record, caller.Name);
        data["reason"] = reason;
        db.Outbox.Add(OutboxEvents.Create(OutboxEventTypes.DelegationRevoked, null, data, now, record.AgencyCode));
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(caller, AuditActions.DelegationRevoke, record.Id, reason, cancellationToken: CancellationToken.None);
        return ToView(record, today);
    }

    /// <summary>
    /// The delegations in force today for which <paramref name="substitute"/> acts, oldest first, each with whether its
    /// delegator is the agency's lead (read now, so a lead's role counts while they hold it).
    /// </summary>
    internal async Task<IReadOnlyList<DelegatedWork>> InForceForAsync(WorkflowDbContext db, string substitute, CancellationToken cancellationToken)
    {
        var today = Today;
        var rows = await db.Delegations.AsNoTracking()
            .Where(d => d.ToUser == substitute && d.RevokedAt == null && d.StartsOn <= today && d.EndsOn >= today)
            .OrderBy(d => d.CreatedAt)
            .Select(d => new { d.AgencyCode, d.FromUser, d.PlanId, d.Pillar, Roles = db.Users.Where(u => u.Id == d.FromUser && u.AgencyCode == d.AgencyCode).Select(u => u.Roles).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(d => new DelegatedWork(d.AgencyCode, d.FromUser, d.Roles is { } roles && Roles.Parse(roles).Contains(Roles.AgencyLead), d.PlanId, d.Pillar))];
    }

    /// <summary>
    /// Whom a delegation of <paramref name="fromUser"/>'s work (default: the caller's) may name: the other active users of
    /// the delegator's agency, by user name (pages show their display names), and the plans a scope may name.
    /// </summary>
    /// <exception cref="ForbiddenException">As <see cref="CreateAsync"/>: the caller may not delegate that user's work.</exception>
    /// <exception cref="RequestValidationException">The user is unknown or not of the lead's agency (<c>fromUser</c>).</exception>
    public async Task<DelegationChoices> ChoicesAsync(Caller caller, string? fromUser = null, CancellationToken cancellationToken = default)
    {
        caller.RequirePerson("delegate work");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (from, agency) = await DelegatorAsync(db, caller, fromUser, cancellationToken);
        var people = await db.Users.AsNoTracking().Where(u => u.AgencyCode == agency && u.DisabledAt == null && u.Id != from)
            .OrderBy(u => u.Id).Select(u => u.Id).ToListAsync(cancellationToken);
        var plans = await db.Plans.AsNoTracking().OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(cancellationToken);
        return new DelegationChoices(from, people, plans);
    }

    /// <summary>
    /// Whose work the caller delegates and that user's agency: their own (people who work on tasks), a member's of the own
    /// agency (its lead), anyone's (an NDRC administrator). Another agency's user and an unknown one get the same answer.
    /// </summary>
    private static async Task<(string From, string Agency)> DelegatorAsync(WorkflowDbContext db, Caller caller, string? fromUser, CancellationToken cancellationToken)
    {
        var from = string.IsNullOrWhiteSpace(fromUser) ? caller.Name : fromUser.Trim();
        if (from != caller.Name && !caller.IsLead && !caller.IsAdministrator)
        {
            throw new ForbiddenException("only the agency's lead delegates a member's work");
        }

        if (from == caller.Name && !caller.CanAct)
        {
            throw new ForbiddenException("auditors and administrators have no tasks to delegate");
        }

        var agency = await db.Users.AsNoTracking().Where(u => u.Id == from).Select(u => u.AgencyCode).SingleOrDefaultAsync(cancellationToken);
        return agency is null || (from != caller.Name && !caller.IsAdministrator && agency != caller.AgencyCode)
            ? throw RequestValidationException.For("fromUser", $"'{from}' is not a user of {caller.AgencyCode}")
            : (from, agency);
    }

    /// <summary>What the caller sees: an NDRC administrator all, a lead the agency's, anyone else their own (given or received).</summary>
    private static IQueryable<DelegationRecord> Visible(IQueryable<DelegationRecord> rows, Caller caller) =>
        caller.IsAdministrator ? rows
        : caller.IsLead ? rows.Where(d => d.AgencyCode == caller.AgencyCode)
        : rows.Where(d => d.FromUser == caller.Name || d.ToUser == caller.Name);

    /// <summary>Whether two scopes can cover one task: all meets anything; two plans or two pillars meet when one holds the other.</summary>
    private static bool ScopesMeet(DelegationRecord other, string? plan, string? pillar)
    {
        if ((other.PlanId is null && other.Pillar is null) || (plan is null && pillar is null))
        {
            return true;
        }

        if (other.PlanId is not null && plan is not null)
        {
            return other.PlanId == plan;
        }

        if (other.Pillar is not null && pillar is not null)
        {
            return other.Pillar == pillar || other.Pillar.StartsWith(pillar + ".", StringComparison.Ordinal) || pillar.StartsWith(other.Pillar + ".", StringComparison.Ordinal);
        }

        // A plan and a pillar: a task of the plan may be filed under the pillar.
        return true;
    }

    private void CheckLengths(DelegationRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (field, value) in (ReadOnlySpan<(string, string?)>)[("fromUser", request.FromUser), ("toUser", request.ToUser), ("planId", request.PlanId), ("pillar", request.Pillar)])
        {
            if (value is { } text && text.Length > 100)
            {
                errors[field] = [$"{field} has at most 100 characters"];
            }
        }

        if (request.Reason is { } reason && reason.Length > limits.Value.MaxTextLength)
        {
            errors["reason"] = [$"reason has at most {limits.Value.MaxTextLength} characters"];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }
    }

    private static string Scope(DelegationRecord d) => d.PlanId is { } plan ? $", plan {plan}" : d.Pillar is { } pillar ? $", pillar {pillar}" : "";

    private static JsonObject EventData(DelegationRecord d, string by) => new()
    {
        ["delegationId"] = d.Id,
        ["agency"] = d.AgencyCode,
        ["fromUser"] = d.FromUser,
        ["toUser"] = d.ToUser,
        ["startsOn"] = d.StartsOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["endsOn"] = d.EndsOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["planId"] = d.PlanId,
        ["pillar"] = d.Pillar,
        ["by"] = by,
    };

    private static DelegationView ToView(DelegationRecord d, DateOnly today) => new(
        d.Id, d.AgencyCode, d.FromUser, d.ToUser, d.StartsOn, d.EndsOn, d.PlanId, d.Pillar, d.Reason, d.CreatedBy, d.CreatedAt, d.RevokedBy, d.RevokedAt, d.RevokeReason,
        d.RevokedAt is not null ? DelegationState.Revoked : today < d.StartsOn ? DelegationState.Upcoming : today > d.EndsOn ? DelegationState.Ended : DelegationState.InForce);
}
