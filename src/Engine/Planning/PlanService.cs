using AiPlusTasks.Engine.Audit;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Workflows.Execution;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Engine.Planning;

/// <summary>
/// Plans and their versions. <see cref="RollAsync(string, string?, string, CancellationToken)"/> makes the version of a period in one transaction — content, diff,
/// the breakdown workflows of newly committed tasks, carry-over decisions and the <c>plan.version.published</c> event —
/// so a crash leaves the old version or the whole new one; one version per plan and period however often or
/// concurrently it is asked for (docs/decisions/006).
/// </summary>
public sealed class PlanService(
    IDbContextFactory<WorkflowDbContext> dbFactory,
    WorkflowRuntime runtime,
    TimeProvider time,
    IOptions<EngineOptions> options,
    ILogger<PlanService> logger,
    AuditTrail audit,
    AgencyDirectory? agencies = null,
    DisplayNames? displayNames = null,
    IOptions<InputLimits>? limits = null)
{
    /// <summary>The workflow opened for a lead agency on a task's third consecutive carry-over.</summary>
    public const string DecisionWorkflow = "carry-over-decision";

    /// <summary>Who made what the plan file seeds: its first version and first amendment.</summary>
    public const string SeedActor = "seed";

    /// <summary>Who rolls a plan on its schedule.</summary>
    public const string ScheduleActor = "schedule";

    /// <summary>The reason of a seeded plan's first amendment.</summary>
    public const string SeedReason = "initial plan";

    /// <summary>The default roll cadence: 00:00 on the first day of each quarter.</summary>
    public const string QuarterlyCadence = "0 0 1 1,4,7,10 *";

    private readonly TimeZoneInfo _timeZone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    // The front door: the plan pages and endpoints call these with the signed-in caller. Plans are read by NDRC staff
    // and auditors (they see every agency's work), rolled and amended by NDRC planners (docs/decisions/014). The
    // overloads without a caller are the engine's own (seeding, the roll calendar) and authorize nothing.

    /// <summary>One page (1-based) of plans, ordered by id, for NDRC staff and auditors.</summary>
    /// <exception cref="ForbiddenException">The caller is not NDRC staff or an NDRC auditor.</exception>
    public async Task<Page<PlanSummary>> ListAsync(Caller caller, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        caller.RequireSeesAllAgencies("plans");
        return await ListAsync(page, pageSize, cancellationToken);
    }

    /// <summary>A plan with its static layer and current version, for NDRC staff and auditors.</summary>
    /// <exception cref="ForbiddenException">The caller is not NDRC staff or an NDRC auditor.</exception>
    /// <exception cref="NotFoundException">No such plan.</exception>
    public async Task<PlanView> GetAsync(Caller caller, string planId, CancellationToken cancellationToken = default)
    {
        caller.RequireSeesAllAgencies("plans");
        return await GetAsync(planId, cancellationToken);
    }

    /// <summary>One page of a plan's versions, newest first, for NDRC staff and auditors.</summary>
    /// <exception cref="ForbiddenException">The caller is not NDRC staff or an NDRC auditor.</exception>
    /// <exception cref="NotFoundException">No such plan.</exception>
    public async Task<Page<PlanVersionView>> ListVersionsAsync(Caller caller, string planId, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        caller.RequireSeesAllAgencies("plans");
        return await ListVersionsAsync(planId, page, pageSize, cancellationToken);
    }

    /// <summary>One plan version, for NDRC staff and auditors.</summary>
    /// <exception cref="ForbiddenException">The caller is not NDRC staff or an NDRC auditor.</exception>
    /// <exception cref="NotFoundException">No such plan or version.</exception>
    public async Task<PlanVersionView> GetVersionAsync(Caller caller, string planId, int number, CancellationToken cancellationToken = default)
    {
        caller.RequireSeesAllAgencies("plans");
        return await GetVersionAsync(planId, number, cancellationToken);
    }

    /// <summary>
    /// One page (1-based) of a version's diff from its parent, in the diff's order, optionally only the changes
    /// concerning one agency (a province also sees changes to every province), for NDRC staff and auditors.
    /// </summary>
    /// <exception cref="ForbiddenException">The caller is not NDRC staff or an NDRC auditor.</exception>
    /// <exception cref="NotFoundException">No such plan or version.</exception>
    public async Task<Page<PlanChange>> GetDiffAsync(Caller caller, string planId, int number, string? agency, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        caller.RequireSeesAllAgencies("plans");
        var changes = await GetDiffAsync(planId, number, agency, cancellationToken);
        return new Page<PlanChange>([.. changes.Skip((page - 1) * pageSize).Take(pageSize)], changes.Count, page, pageSize);
    }

    /// <summary>Every amendment of a plan's static layer, oldest first, for NDRC staff and auditors.</summary>
    /// <exception cref="ForbiddenException">The caller is not NDRC staff or an NDRC auditor.</exception>
    /// <exception cref="NotFoundException">No such plan.</exception>
    public async Task<IReadOnlyList<PlanAmendment>> ListAmendmentsAsync(Caller caller, string planId, CancellationToken cancellationToken = default)
    {
        caller.RequireSeesAllAgencies("plans");
        return await ListAmendmentsAsync(planId, cancellationToken);
    }

    /// <summary>Rolls a plan by hand for an NDRC planner (recorded as rolled by the caller); see <see cref="RollAsync(string, string?, string, CancellationToken)"/>.</summary>
    /// <exception cref="ForbiddenException">The caller is not an NDRC planner.</exception>
    public async Task<PlanVersionView> RollAsync(Caller caller, string planId, string? period, CancellationToken cancellationToken = default)
    {
        caller.RequireNdrcPlanner("roll plans");
        var (version, rolled) = await RollOnceAsync(planId, period, caller.Name, cancellationToken);
        if (rolled)
        {
            await audit.RecordAsync(caller, AuditActions.PlanRoll, planId, RollDetail(version), cancellationToken: CancellationToken.None);
        }

        return version;
    }

    /// <summary>
    /// What rolling to <paramref name="period"/> (default: the current quarter) would make, for an NDRC planner: the diff
    /// and content the roll would commit now, computed as the roll computes them, with nothing written (no version, no
    /// started workflow, no event, no audit entry).
    /// </summary>
    /// <exception cref="ForbiddenException">The caller is not an NDRC planner.</exception>
    /// <exception cref="NotFoundException">No such plan.</exception>
    /// <exception cref="ConflictException">The period is earlier than the plan's latest version.</exception>
    /// <exception cref="RequestValidationException">The period is not a quarter, or more than one quarter ahead of now.</exception>
    public async Task<RollPreview> PreviewRollAsync(Caller caller, string planId, string? period, CancellationToken cancellationToken = default)
    {
        caller.RequireNdrcPlanner("roll plans");
        var target = RollTarget(period);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var planned = await PlanRollAsync(db, planId, target, cancellationToken);
        return planned.Existing is { } existing
            ? new RollPreview(target.ToString(), true, PlanJson.Deserialize<List<PlanChange>>(existing.Changes), PlanJson.Deserialize<PlanContent>(existing.Content))
            : new RollPreview(target.ToString(), false, planned.Result!.Changes, planned.Result.Content);
    }

    /// <summary>Amends a plan's static layer for an NDRC planner (recorded as amended by the caller); see <see cref="AmendAsync(string, JsonObject, string?, string?, string, CancellationToken)"/>.</summary>
    /// <exception cref="ForbiddenException">The caller is not an NDRC planner.</exception>
    /// <exception cref="RequestValidationException">No reason given.</exception>
    public async Task<PlanAmendment> AmendAsync(Caller caller, string planId, JsonObject staticLayer, string? reason, string? documentNumber, CancellationToken cancellationToken = default)
    {
        caller.RequireNdrcPlanner("amend plans");
        var amendment = await AmendAsync(planId, staticLayer, reason, documentNumber, caller.Name, cancellationToken);
        await audit.RecordAsync(caller, AuditActions.PlanAmend, planId, $"amendment {amendment.Number}: {amendment.Reason}", cancellationToken: CancellationToken.None);
        return amendment;
    }

    /// <summary>
    /// Creates the plan and its first version from a plan file unless the plan exists; an existing plan only takes the
    /// file's names (Chinese and English). Returns whether the plan was created.
    /// </summary>
    public async Task<bool> SeedAsync(PlanSeed seed, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Plans.SingleOrDefaultAsync(p => p.Id == seed.Id, cancellationToken) is { } existing)
        {
            if (existing.Name != seed.Name || existing.NameEn != seed.NameEn)
            {
                existing.Name = seed.Name;
                existing.NameEn = seed.NameEn;
                await db.SaveChangesAsync(cancellationToken);
                displayNames?.Invalidate();
            }

            return false;
        }

        var period = Period.TryParse(seed.Content.Period) ?? throw RequestValidationException.For("content.period", $"'{seed.Content.Period}' is not a period like 2026-Q1");
        var content = seed.Content with
        {
            Window = [new(period.ToString(), WindowZone.Committed), new(period.Next().ToString(), WindowZone.Firm), new(period.Next(2).ToString(), WindowZone.Indicative), new(period.Next(3).ToString(), WindowZone.Indicative)],
            Tasks = [.. seed.Content.Tasks.Select(t => t with { Zone = PlanRoller.ZoneOf(t, period) })],
            Scores = PlanRoller.Score(seed.Content.Scenarios, seed.Content.Weights, seed.Content.PilotCap),
        };
        var now = time.GetUtcNow();
        db.Plans.Add(new PlanRecord { Id = seed.Id, Name = seed.Name, NameEn = seed.NameEn, Cadence = seed.Cadence ?? QuarterlyCadence, Static = seed.Static.ToJsonString(), CurrentVersion = 1, CreatedAt = now });
        db.PlanAmendments.Add(new PlanAmendmentRecord { PlanId = seed.Id, Number = 1, Static = seed.Static.ToJsonString(), Reason = SeedReason, AmendedBy = SeedActor, AmendedAt = now });
        var json = PlanJson.Serialize(content);
        db.PlanVersions.Add(new PlanVersionRecord
        {
            PlanId = seed.Id,
            Number = 1,
            Period = period.ToString(),
            ContentHash = PlanJson.Hash(json),
            Content = json,
            Changes = PlanJson.Serialize(content.Tasks.Select(t => new PlanChange(t.Key, "Added", null, null, null, null, PlanRoller.Agencies(t)))),
            Steps = "[]",
            CreatedBy = SeedActor,
            CreatedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        displayNames?.Invalidate();
        return true;
    }

    /// <summary>
    /// The version of <paramref name="period"/> (default: the period containing now), rolled from the latest version
    /// unless it exists already.
    /// </summary>
    /// <exception cref="NotFoundException">No such plan.</exception>
    /// <exception cref="ConflictException">The period is earlier than the plan's latest version.</exception>
    /// <exception cref="RequestValidationException">The period is not a quarter, or more than one quarter ahead of now.</exception>
    /// <remarks>A new version is recorded on the audit trail as the system's, with <paramref name="rolledBy"/> (e.g. <c>schedule</c>) as the detail.</remarks>
    public async Task<PlanVersionView> RollAsync(string planId, string? period, string rolledBy, CancellationToken cancellationToken = default)
    {
        var (version, rolled) = await RollOnceAsync(planId, period, rolledBy, cancellationToken);
        if (rolled)
        {
            await audit.RecordSystemAsync(AuditActions.PlanRoll, planId, $"{rolledBy}: {RollDetail(version)}", CancellationToken.None);
        }

        return version;
    }

    private static string RollDetail(PlanVersionView version) => $"version {version.Number} ({version.Period})";

    /// <summary>The roll itself; <c>Rolled</c> is false when the period's version existed already.</summary>
    private async Task<(PlanVersionView Version, bool Rolled)> RollOnceAsync(string planId, string? period, string rolledBy, CancellationToken cancellationToken)
    {
        var target = RollTarget(period);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var planned = await PlanRollAsync(db, planId, target, cancellationToken);
            if (planned.Existing is { } existing)
            {
                return (ToView(existing), false);
            }

            try
            {
                var version = await CommitRollAsync(db, planned.Plan, planned.Latest, planned.Result!, target, rolledBy, cancellationToken);
                runtime.NotifyWork();
                return (version, true);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another roll of this plan committed first (same period: the next attempt returns it).
                logger.LogInformation("Roll of plan {PlanId} to {Period} raced another roll; re-reading", planId, target);
            }
        }
    }

    /// <summary>The period a roll goes to: <paramref name="period"/>, or the one containing now.</summary>
    /// <exception cref="RequestValidationException">Not a quarter, or more than one quarter ahead of now.</exception>
    private Period RollTarget(string? period)
    {
        var current = Period.Containing(time.GetUtcNow(), _timeZone);
        var target = period is null ? current : Period.TryParse(period) ?? throw RequestValidationException.For("period", $"'{period}' is not a period like 2026-Q2");
        if (target > current.Next())
        {
            // A version is prepared at most one quarter ahead; rolling further would commit work of quarters to come.
            throw RequestValidationException.For("period", $"{target} is too far ahead: the latest period that can be rolled now is {current.Next()}");
        }

        return target;
    }

    /// <summary>The periods a plan whose latest version is of <paramref name="latestPeriod"/> may roll to now: after it, up to one quarter ahead of now.</summary>
    private List<string> RollablePeriods(string latestPeriod)
    {
        var last = Period.Containing(time.GetUtcNow(), _timeZone).Next();
        var periods = new List<string>();
        if (Period.TryParse(latestPeriod) is { } latest)
        {
            for (var period = latest.Next(); period <= last; period = period.Next())
            {
                periods.Add(period.ToString());
            }
        }

        return periods;
    }

    /// <summary>
    /// A roll of a plan to <paramref name="target"/> as it stands: the period's version when it exists, else the latest
    /// version and the roll computed from it (nothing written).
    /// </summary>
    private async Task<(PlanRecord Plan, PlanVersionRecord? Existing, PlanVersionRecord Latest, RollResult? Result)> PlanRollAsync(WorkflowDbContext db, string planId, Period target, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.SingleOrDefaultAsync(p => p.Id == planId, cancellationToken) ?? throw new NotFoundException($"plan '{planId}' does not exist");
        var latest = await db.PlanVersions.AsNoTracking().Where(v => v.PlanId == planId).OrderByDescending(v => v.Number).FirstAsync(cancellationToken);
        var existing = await db.PlanVersions.AsNoTracking().SingleOrDefaultAsync(v => v.PlanId == planId && v.Period == target.ToString(), cancellationToken);
        if (existing is not null)
        {
            return (plan, existing, latest, null);
        }

        if (Period.TryParse(latest.Period) is { } latestPeriod && target < latestPeriod)
        {
            throw new ConflictException($"plan '{planId}' is already at {latest.Period}; {target} cannot be rolled any more");
        }

        var previous = PlanJson.Deserialize<PlanContent>(latest.Content);
        var live = await LoadLiveAsync(db, plan.Id, previous, cancellationToken);
        return (plan, null, latest, PlanRoller.Roll(previous, target, live, _timeZone));
    }

    /// <summary>
    /// Amends the static layer (milestones, goal indicators, pillars, phases) — the only way it changes. The amendment is
    /// numbered and kept with its reason and document number; rolls never touch the static layer.
    /// </summary>
    /// <exception cref="RequestValidationException">No reason given.</exception>
    public async Task<PlanAmendment> AmendAsync(string planId, JsonObject staticLayer, string? reason, string? documentNumber, string amendedBy, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw RequestValidationException.For("reason", "an amendment needs a reason");
        }

        var limit = limits?.Value ?? new InputLimits();
        var errors = new Dictionary<string, string[]>();
        if (reason.Length > limit.MaxTextLength)
        {
            errors["reason"] = [$"a reason has at most {limit.MaxTextLength} characters"];
        }

        if (documentNumber is { } number && number.Length > limit.MaxNameLength)
        {
            errors["documentNumber"] = [$"a document number has at most {limit.MaxNameLength} characters"];
        }

        if (System.Text.Encoding.UTF8.GetByteCount(staticLayer.ToJsonString()) > limit.MaxDataBytes)
        {
            errors["static"] = [$"the static layer has at most {limit.MaxDataBytes} bytes of JSON"];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var plan = await db.Plans.SingleOrDefaultAsync(p => p.Id == planId, cancellationToken) ?? throw new NotFoundException($"plan '{planId}' does not exist");
        var record = new PlanAmendmentRecord
        {
            PlanId = planId,
            Number = plan.Amendment + 1,
            Static = staticLayer.ToJsonString(),
            Reason = reason,
            DocumentNumber = documentNumber,
            AmendedBy = amendedBy,
            AmendedAt = time.GetUtcNow(),
        };
        db.PlanAmendments.Add(record);
        plan.Amendment = record.Number;
        plan.Static = record.Static;
        plan.ConcurrencyVersion++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e)
        {
            throw new ConflictException($"plan '{planId}' was amended meanwhile; reload it and try again", e);
        }

        return ToView(record);
    }

    /// <summary>Every amendment of a plan's static layer, oldest first.</summary>
    public async Task<IReadOnlyList<PlanAmendment>> ListAmendmentsAsync(string planId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await RequirePlanAsync(db, planId, cancellationToken);
        var rows = await db.PlanAmendments.AsNoTracking().Where(a => a.PlanId == planId).OrderBy(a => a.Number).ToListAsync(cancellationToken);
        return [.. rows.Select(ToView)];
    }

    /// <summary>One page (1-based) of plans, ordered by id.</summary>
    public async Task<Page<PlanSummary>> ListAsync(int page, int pageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var total = await db.Plans.CountAsync(cancellationToken);
        var plans = await db.Plans.AsNoTracking().OrderBy(p => p.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        var ids = plans.Select(p => p.Id).ToList();
        var currents = await db.PlanVersions.AsNoTracking()
            .Where(v => ids.Contains(v.PlanId) && db.Plans.Any(p => p.Id == v.PlanId && p.CurrentVersion == v.Number))
            .ToDictionaryAsync(v => v.PlanId, cancellationToken);
        var summaries = new List<PlanSummary>();
        foreach (var plan in plans)
        {
            if (currents.GetValueOrDefault(plan.Id) is not { } current)
            {
                summaries.Add(Summary(plan, null));
                continue;
            }

            var content = PlanJson.Deserialize<PlanContent>(current.Content);
            var colours = await LiveColoursAsync(db, plan.Id, content, cancellationToken);
            summaries.Add(Summary(plan, current.Period) with
            {
                CommittedByColour = colours.Values.GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count()),
                PlannedTasks = content.Tasks.Count(t => t.Status == PlanTaskStatus.Planned),
            });
        }

        return new Page<PlanSummary>(summaries, total, page, pageSize);
    }

    /// <exception cref="NotFoundException">No such plan.</exception>
    public async Task<PlanView> GetAsync(string planId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var plan = await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == planId, cancellationToken) ?? throw new NotFoundException($"plan '{planId}' does not exist");
        var current = await db.PlanVersions.AsNoTracking().SingleOrDefaultAsync(v => v.PlanId == planId && v.Number == plan.CurrentVersion, cancellationToken);
        if (current is null)
        {
            return new PlanView(Summary(plan, null), JsonNode.Parse(plan.Static), null, new Dictionary<string, TaskColour>(), []);
        }

        // The current version is the latest: only a roll adds a version, and it becomes the current one.
        var view = ToView(current);
        return new PlanView(Summary(plan, current.Period), JsonNode.Parse(plan.Static), view, await LiveColoursAsync(db, planId, view.Content, cancellationToken), RollablePeriods(current.Period));
    }

    /// <summary>One page of a plan's versions, newest first.</summary>
    public async Task<Page<PlanVersionView>> ListVersionsAsync(string planId, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await RequirePlanAsync(db, planId, cancellationToken);
        var versions = db.PlanVersions.AsNoTracking().Where(v => v.PlanId == planId);
        var total = await versions.CountAsync(cancellationToken);
        var rows = await versions.OrderByDescending(v => v.Number).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new Page<PlanVersionView>([.. rows.Select(ToView)], total, page, pageSize);
    }

    /// <exception cref="NotFoundException">No such plan or version.</exception>
    public async Task<PlanVersionView> GetVersionAsync(string planId, int number, CancellationToken cancellationToken = default) =>
        ToView(await FindVersionAsync(planId, number, cancellationToken));

    /// <summary>A version's diff from its parent, optionally only the changes concerning one agency.</summary>
    public async Task<IReadOnlyList<PlanChange>> GetDiffAsync(string planId, int number, string? agency, CancellationToken cancellationToken = default)
    {
        var version = await FindVersionAsync(planId, number, cancellationToken);
        var changes = PlanJson.Deserialize<List<PlanChange>>(version.Changes);
        if (string.IsNullOrWhiteSpace(agency))
        {
            return changes;
        }

        var isProvince = agencies?.IsProvince(agency) ?? false;
        return [.. changes.Where(c => c.Agencies.Contains(agency) || (isProvince && c.Agencies.Contains("*provinces")))];
    }

    private async Task<PlanVersionView> CommitRollAsync(WorkflowDbContext db, PlanRecord plan, PlanVersionRecord latest, RollResult result, Period target, string rolledBy, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var tasks = result.Content.Tasks.ToList();
        for (var i = 0; i < tasks.Count; i++)
        {
            var task = tasks[i];
            if (result.TasksToStart.Contains(task.Key))
            {
                tasks[i] = task with { InstanceId = runtime.StageStart(db, task.Workflow, WorkflowInput(plan.Id, task, result.Content), PlanTaskCorrelation.Breakdown(plan.Id, task.Key).Format()) };
            }
            else if (result.DecisionsToOpen.Contains(task.Key))
            {
                tasks[i] = task with { DecisionInstanceId = runtime.StageStart(db, DecisionWorkflow, DecisionInput(plan.Id, task), PlanTaskCorrelation.Decision(plan.Id, task.Key).Format()) };
            }
        }

        var content = result.Content with { Tasks = tasks };
        var json = PlanJson.Serialize(content);
        var now = time.GetUtcNow();
        var record = new PlanVersionRecord
        {
            PlanId = plan.Id,
            Number = latest.Number + 1,
            Period = target.ToString(),
            ParentNumber = latest.Number,
            ContentHash = PlanJson.Hash(json),
            Content = json,
            Changes = PlanJson.Serialize(result.Changes),
            Steps = PlanJson.Serialize(result.Steps),
            CreatedBy = rolledBy,
            CreatedAt = now,
        };
        db.PlanVersions.Add(record);
        plan.CurrentVersion = record.Number;
        plan.ConcurrencyVersion++;
        string[] affected = [.. result.Changes.SelectMany(c => c.Agencies).Distinct().Order(StringComparer.Ordinal)];
        db.Outbox.Add(OutboxEvents.Create(OutboxEventTypes.PlanVersionPublished, null, new JsonObject
        {
            ["planId"] = plan.Id,
            ["version"] = record.Number,
            ["period"] = record.Period,
            ["parentVersion"] = latest.Number,
            ["contentHash"] = record.ContentHash,
            ["changes"] = new JsonObject(result.Changes.GroupBy(c => c.Kind).Select(g => KeyValuePair.Create(g.Key, (JsonNode?)g.Count()))),
            ["agencies"] = new JsonArray([.. affected.Select(a => (JsonNode)a)]),
        }, now, affected));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var step in result.Steps)
        {
            logger.LogInformation("Roll of plan {PlanId} to {Period}: {Step} {Count}", plan.Id, target, step.Step, step.Count);
        }

        return ToView(record);
    }

    /// <summary>Each committed task's colour now (<see cref="PlanRoller.SnapshotColour"/>), by task key.</summary>
    private static async Task<IReadOnlyDictionary<string, TaskColour>> LiveColoursAsync(WorkflowDbContext db, string planId, PlanContent content, CancellationToken cancellationToken)
    {
        var live = await LoadLiveAsync(db, planId, content, cancellationToken);
        return content.Tasks.Where(t => t.Status == PlanTaskStatus.Active)
            .ToDictionary(t => t.Key, t => PlanRoller.SnapshotColour(t, live.GetValueOrDefault(t.Key)), StringComparer.Ordinal);
    }

    /// <summary>What the running system says about the committed tasks: workflow status, worst open colour, decisions.</summary>
    private static async Task<Dictionary<string, TaskLiveStatus>> LoadLiveAsync(WorkflowDbContext db, string planId, PlanContent previous, CancellationToken cancellationToken)
    {
        var active = previous.Tasks.Where(t => t.Status == PlanTaskStatus.Active).ToList();
        var instanceIds = active.SelectMany(t => new[] { t.InstanceId, t.DecisionInstanceId }).OfType<string>().ToList();
        var instances = await db.Instances.AsNoTracking().Where(i => instanceIds.Contains(i.Id))
            .Select(i => new { i.Id, i.Status, i.State }).ToDictionaryAsync(i => i.Id, cancellationToken);
        var prefix = PlanTaskCorrelation.PlanPrefix(planId);
        var colours = (await db.Tasks.AsNoTracking()
                .Where(t => (t.State == TaskState.Open || t.State == TaskState.Claimed) && t.CorrelationId != null && t.CorrelationId.StartsWith(prefix))
                .Select(t => new { t.CorrelationId, t.Colour })
                .ToListAsync(cancellationToken))
            .Select(t => (Task: PlanTaskCorrelation.TryParse(t.CorrelationId, out var correlation) && correlation.PlanId == planId ? correlation : null, t.Colour))
            .Where(t => t.Task is not null)
            .GroupBy(t => t.Task!.TaskKey, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Max(t => t.Colour), StringComparer.Ordinal);
        var live = new Dictionary<string, TaskLiveStatus>(StringComparer.Ordinal);
        foreach (var task in active)
        {
            var instance = task.InstanceId is null ? null : instances.GetValueOrDefault(task.InstanceId);
            var decision = task.DecisionInstanceId is null ? null : instances.GetValueOrDefault(task.DecisionInstanceId);
            live[task.Key] = new TaskLiveStatus(
                instance?.Status,
                colours.TryGetValue(task.Key, out var colour) ? colour : null,
                decision?.Status,
                decision is null ? null : WorkflowStateJson.Deserialize(decision.State).Output);
        }

        return live;
    }

    /// <summary>
    /// The input of a key task's breakdown workflow: the task, and the plan's rules in force that its workflows pass on to
    /// every task they issue (<c>blueWithin</c>, <c>dayCount</c>, <c>moveOffNonWorkingDays</c>).
    /// </summary>
    private static JsonObject WorkflowInput(string planId, PlanTask task, PlanContent content) => new()
    {
        ["blueWithin"] = System.Xml.XmlConvert.ToString(content.ColourRules.BlueWithin),
        ["dayCount"] = content.WorkingDayRules.CountWorkingDays ? TaskIssue.WorkingDayCount : TaskIssue.CalendarDayCount,
        ["moveOffNonWorkingDays"] = content.WorkingDayRules.MoveDeadlineOffNonWorkingDays,
        ["planId"] = planId,
        ["taskKey"] = task.Key,
        ["title"] = task.Title,
        ["titleEn"] = task.TitleEn,
        ["pillar"] = task.Pillar,
        ["leadAgency"] = task.LeadAgency,
        ["coAgencies"] = new JsonArray([.. task.CoAgencies.Select(a => (JsonNode)a)]),
        ["provinces"] = task.Provinces is null ? null : new JsonArray([.. task.Provinces.Select(a => (JsonNode)a)]),
        ["dueAt"] = (task.ForecastDue ?? task.BaselineDue).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
    };

    private static JsonObject DecisionInput(string planId, PlanTask task) => new()
    {
        ["planId"] = planId,
        ["taskKey"] = task.Key,
        ["title"] = task.Title,
        ["titleEn"] = task.TitleEn,
        ["leadAgency"] = task.LeadAgency,
        ["carryOverCount"] = task.CarryOverCount,
        ["baselineDue"] = task.BaselineDue.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
    };

    private async Task<PlanVersionRecord> FindVersionAsync(string planId, int number, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await RequirePlanAsync(db, planId, cancellationToken);
        return await db.PlanVersions.AsNoTracking().SingleOrDefaultAsync(v => v.PlanId == planId && v.Number == number, cancellationToken)
            ?? throw new NotFoundException($"plan '{planId}' has no version {number}");
    }

    private static async Task RequirePlanAsync(WorkflowDbContext db, string planId, CancellationToken cancellationToken)
    {
        if (!await db.Plans.AnyAsync(p => p.Id == planId, cancellationToken))
        {
            throw new NotFoundException($"plan '{planId}' does not exist");
        }
    }

    private static PlanSummary Summary(PlanRecord plan, string? period) => new(plan.Id, plan.Name, plan.Cadence, plan.CurrentVersion, period, plan.Amendment, plan.NameEn);

    private static PlanAmendment ToView(PlanAmendmentRecord a) => new(a.Number, JsonNode.Parse(a.Static), a.Reason, a.DocumentNumber, a.AmendedBy, a.AmendedAt);

    private static PlanVersionView ToView(PlanVersionRecord v) => new(
        v.PlanId, v.Number, v.Period, v.ParentNumber, v.ContentHash, v.CreatedBy, v.CreatedAt,
        PlanJson.Deserialize<PlanContent>(v.Content),
        PlanJson.Deserialize<List<RollStep>>(v.Steps),
        PlanJson.Deserialize<List<PlanChange>>(v.Changes).Count);
}
