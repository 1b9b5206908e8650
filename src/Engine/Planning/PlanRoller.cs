using System.Globalization;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Engine.Planning;

/// <summary>
/// The roll as a pure function of the previous version, the new period and what the running system reports — so the
/// same inputs always give the same version (docs/decisions/006). Steps, in order:
/// <list type="number">
/// <item>snapshot: each committed task's colour from its cascade's open tasks; finished workflows leave with reason
/// <c>Completed</c>, cancelled ones with <c>Cancelled</c>;</item>
/// <item>decisions: a finished carry-over decision is applied (continue, rescope, reassign, cancel with reason);</item>
/// <item>carry-over: an unfinished task past its due date is carried (count + 1, baseline kept, a forecast required, never
/// green); on the third consecutive carry-over a decision is opened for the lead agency;</item>
/// <item>scoring: medians, spreads, gates (maturity below 2, an open red risk), weighted geometric score, pilot cap;</item>
/// <item>window: the new period Committed, the next Firm, two Indicative; planned tasks whose period has come are committed
/// and their breakdown workflows started;</item>
/// <item>diff, keyed by task key.</item>
/// </list>
/// No task leaves a version without a removal reason.
/// </summary>
public static class PlanRoller
{
    /// <summary>The removal reason of a key task whose breakdown workflow finished.</summary>
    public const string CompletedReason = "Completed";

    /// <summary>The removal reason of a key task whose breakdown workflow was cancelled.</summary>
    public const string CancelledReason = "Cancelled";

    /// <summary>How the removal reason of a key task cancelled by its carry-over decision starts (the decision's reason follows).</summary>
    public const string DecisionCancelledReason = "Cancelled by carry-over decision:";

    /// <summary>Rolls <paramref name="previous"/> to <paramref name="period"/>.</summary>
    public static RollResult Roll(PlanContent previous, Period period, IReadOnlyDictionary<string, TaskLiveStatus> live, TimeZoneInfo timeZone)
    {
        var periodStart = period.Start(timeZone);
        var changes = new List<PlanChange>();
        var next = new List<PlanTask>();
        var toStart = new List<string>();
        var decisions = new List<string>();
        int carried = 0, decided = 0, snapshot = 0;

        foreach (var task in previous.Tasks)
        {
            var current = task;
            if (current.Status == PlanTaskStatus.Active)
            {
                snapshot++;
                var status = live.GetValueOrDefault(current.Key);
                if (status?.InstanceStatus is WorkflowStatus.Finished or WorkflowStatus.Cancelled)
                {
                    var reason = status.InstanceStatus == WorkflowStatus.Finished ? CompletedReason : CancelledReason;
                    changes.Add(Change(current, "Removed", reason: reason));
                    continue;
                }

                if (current.DecisionInstanceId is not null && status?.DecisionStatus == WorkflowStatus.Finished)
                {
                    decided++;
                    var decision = status.DecisionOutput?["decision"]?.GetValue<string>()?.ToLowerInvariant();
                    var why = status.DecisionOutput?["reason"]?.GetValue<string>();
                    if (decision == "cancel")
                    {
                        changes.Add(Change(current, "Removed", reason: $"{DecisionCancelledReason} {why}"));
                        continue;
                    }

                    current = Apply(current, decision, status.DecisionOutput!) with { DecisionInstanceId = null, CarryOverCount = 0 };
                }

                var colour = SnapshotColour(current, status);
                if (current.BaselineDue < periodStart && (current.ForecastDue is null || current.ForecastDue < periodStart))
                {
                    carried++;
                    var count = current.CarryOverCount + 1;
                    current = current with
                    {
                        CarryOverCount = count,
                        ForecastDue = null,
                        Colour = colour == TaskColour.Green || colour == TaskColour.Blue ? TaskColour.Yellow : colour,
                    };
                    if (count >= 3 && current.DecisionInstanceId is null)
                    {
                        decisions.Add(current.Key);
                    }
                }
                else
                {
                    current = current with { Colour = colour, CarryOverCount = 0 };
                }
            }
            else if (Period.TryParse(current.Period) is { } planned && planned <= period)
            {
                current = current with { Status = PlanTaskStatus.Active };
                toStart.Add(current.Key);
            }

            next.Add(current with { Zone = ZoneOf(current, period) });
        }

        var scores = Score(previous.Scenarios, previous.Weights, previous.PilotCap);
        var content = previous with
        {
            Period = period.ToString(),
            Window = [new(period.ToString(), WindowZone.Committed), new(period.Next().ToString(), WindowZone.Firm), new(period.Next(2).ToString(), WindowZone.Indicative), new(period.Next(3).ToString(), WindowZone.Indicative)],
            Tasks = next,
            Scores = scores,
        };
        changes.AddRange(Diff(previous.Tasks, next));
        RollStep[] steps =
        [
            new("snapshot", snapshot),
            new("decisions", decided),
            new("carry-over", carried),
            new("scoring", scores.Count),
            new("window", next.Count(t => t.Zone == WindowZone.Committed)),
            new("start", toStart.Count),
            new("diff", changes.Count),
        ];
        return new RollResult(content, changes, toStart, decisions, steps);
    }

    /// <summary>A committed task's colour from the running system: the worst colour among its cascade's open tasks, else the colour its version holds.</summary>
    public static TaskColour SnapshotColour(PlanTask task, TaskLiveStatus? status) => status?.WorstOpenColour ?? task.Colour;

    /// <summary>Scores scenarios: medians, spreads, gates, weighted geometric mean of the medians, pilot cap. Highest first.</summary>
    public static IReadOnlyList<ScenarioScore> Score(IEnumerable<PlanScenario> scenarios, ScoringWeights weights, int pilotCap) =>
    [
        .. scenarios
            .Select(s =>
            {
                double p = Median(s.Potential), m = Median(s.Maturity), l = Median(s.Leverage);
                var gate = m < 2 ? "maturity below 2" : s.OpenRedRisk ? "open red risk" : null;
                var weighted = Math.Round(Math.Pow(p, weights.Potential) * Math.Pow(m, weights.Maturity) * Math.Pow(l, weights.Leverage), 3);
                var selected = gate is null ? s.CandidateProvinces.Take(pilotCap).ToList() : [];
                return new ScenarioScore(
                    s.Key, s.Title, p, m, l, Spread(s.Potential), Spread(s.Maturity), Spread(s.Leverage), weighted, gate is null, gate,
                    selected, [.. s.CandidateProvinces.Except(selected)]);
            })
            .OrderByDescending(s => s.Selectable)
            .ThenByDescending(s => s.Weighted)
            .ThenByDescending(s => s.MaturityMedian)
            .ThenBy(s => s.Key, StringComparer.Ordinal),
    ];

    /// <summary>The changes from one version's tasks to the next's, keyed by task key.</summary>
    public static IEnumerable<PlanChange> Diff(IReadOnlyList<PlanTask> before, IReadOnlyList<PlanTask> after)
    {
        var old = before.ToDictionary(t => t.Key, StringComparer.Ordinal);
        foreach (var task in after)
        {
            if (!old.TryGetValue(task.Key, out var was))
            {
                yield return Change(task, "Added");
                continue;
            }

            if (was.Status == PlanTaskStatus.Planned && task.Status == PlanTaskStatus.Active)
            {
                yield return Change(task, "Committed");
            }

            if (was.LeadAgency != task.LeadAgency)
            {
                yield return Change(task, "Reassigned", "leadAgency", was.LeadAgency, task.LeadAgency, agencies: [was.LeadAgency, .. Agencies(task)]);
            }

            if (task.CarryOverCount > was.CarryOverCount)
            {
                yield return Change(task, "CarriedOver", "carryOverCount", Text(was.CarryOverCount), Text(task.CarryOverCount));
            }

            if (was.ForecastDue != task.ForecastDue || was.BaselineDue != task.BaselineDue || was.Period != task.Period)
            {
                yield return Change(task, "Rescheduled", "due", Text(was.ForecastDue ?? was.BaselineDue), Text(task.ForecastDue ?? task.BaselineDue));
            }

            if (was.Colour != task.Colour)
            {
                yield return Change(task, "ColourChanged", "colour", was.Colour.ToString(), task.Colour.ToString());
            }

            if (was.Zone != task.Zone)
            {
                yield return Change(task, "ZoneChanged", "zone", was.Zone.ToString(), task.Zone.ToString());
            }

            foreach (var (field, before1, after1) in new[]
            {
                ("title", was.Title, task.Title),
                ("code", was.Code, task.Code),
                ("pillar", was.Pillar, task.Pillar),
                ("coAgencies", string.Join(',', was.CoAgencies), string.Join(',', task.CoAgencies)),
                ("provinces", was.Provinces is null ? "*" : string.Join(',', was.Provinces), task.Provinces is null ? "*" : string.Join(',', task.Provinces)),
            })
            {
                if (before1 != after1)
                {
                    yield return Change(task, "Changed", field, before1, after1);
                }
            }
        }
    }

    /// <summary>The agencies a task concerns: lead, co-units and its provinces (<c>*provinces</c> when it cascades to all 32).</summary>
    public static IReadOnlyList<string> Agencies(PlanTask task) =>
        [task.LeadAgency, .. task.CoAgencies, .. task.Provinces ?? ["*provinces"]];

    private static PlanTask Apply(PlanTask task, string? decision, System.Text.Json.Nodes.JsonObject output) => decision switch
    {
        "reassign" when output["leadAgency"]?.GetValue<string>() is { Length: > 0 } lead => task with { LeadAgency = lead },
        "rescope" when output["title"]?.GetValue<string>() is { Length: > 0 } title => task with { Title = title, TitleEn = null },
        _ when output["forecastDue"]?.GetValue<string>() is { } forecast
            && DateTimeOffset.TryParse(forecast, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) => task with { ForecastDue = at.ToUniversalTime() },
        _ => task,
    };

    /// <summary>The zone of a task in the window of a period: committed tasks and tasks of the period itself are Committed, the next period Firm, later ones Indicative.</summary>
    public static WindowZone ZoneOf(PlanTask task, Period period) =>
        task.Status == PlanTaskStatus.Active || Period.TryParse(task.Period) is not { } planned || planned <= period
            ? WindowZone.Committed
            : planned == period.Next() ? WindowZone.Firm : WindowZone.Indicative;

    private static PlanChange Change(PlanTask task, string kind, string? field = null, string? old = null, string? @new = null, string? reason = null, IReadOnlyList<string>? agencies = null) =>
        new(task.Key, kind, field, old, @new, reason, agencies ?? Agencies(task));

    private static double Median(IReadOnlyList<int> values)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }

    private static int Spread(IReadOnlyList<int> values) => values.Count == 0 ? 0 : values.Max() - values.Min();

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(DateTimeOffset value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
