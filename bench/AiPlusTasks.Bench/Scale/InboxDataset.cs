using System.Globalization;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlusTasks.Bench.Scale;

/// <summary>
/// A deterministic (seeded) year and more of inbox history, as task rows the way <c>AiPlus.HumanTask</c> writes them:
/// every one of the directory's agencies (provinces carry most rows: every national task reaches all 32; ministries
/// fewer; NDRC its verification work), most rows completed or cancelled, a quarter still open or claimed with due
/// dates from two months overdue to half a year ahead (a few due within days, a few without a due date), pillars round
/// the catalog's items, three plans and some ad-hoc tasks, priorities 1–4, some returned work and named assignees.
/// </summary>
internal sealed class InboxDataset(IReadOnlyList<string> ministries, IReadOnlyList<string> provinces, IReadOnlyList<string> pillars, DateTimeOffset now)
{
    public const string Ndrc = "ndrc";

    public static readonly string[] Plans = ["ai-plus-2025-2027", "aiplus-2026", "aiplus-pilots-2026"];

    private static readonly string[] Kinds = ["task", "task", "task", "report", "report", "review", "closure", "verification"];

    private readonly TaskOptions _colours = new();

    /// <summary>The dataset over a host's directory (its ministries and provinces), its catalog's items and its clock.</summary>
    public static InboxDataset For(ScaleHost host) => new(
        [.. host.Agencies.Ministries.Select(a => a.Code)],
        [.. host.Agencies.Provinces.Select(a => a.Code)],
        [.. host.Catalog.Pillars.SelectMany(p => p.Items).Select(i => i.Code)],
        host.Services.GetRequiredService<TimeProvider>().GetUtcNow());

    public IEnumerable<TaskRecord> Rows(int count, int seed = 20261128)
    {
        var random = new Random(seed);

        // Random ids like the engine's, handed out in sorted order: the rows are independent of their ids, and inserting
        // in key order keeps the primary key index's writes sequential (a fast load; the same rows either way).
        var idBytes = new byte[16];
        var ids = new string[count];
        for (var i = 0; i < count; i++)
        {
            random.NextBytes(idBytes);
            ids[i] = new Guid(idBytes).ToString("N");
        }

        Array.Sort(ids, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var id = ids[i];
            var agency = Agency(random);
            var roll = random.NextDouble();
            var state = roll switch
            {
                < 0.15 => TaskState.Open,
                < 0.25 => TaskState.Claimed,
                < 0.95 => TaskState.Completed,
                _ => TaskState.Cancelled,
            };
            var active = state is TaskState.Open or TaskState.Claimed;

            // Active work: due from 60 days ago to 180 days ahead (some within the 3-day blue window); history: due in the past two years.
            DateTimeOffset? due = random.NextDouble() < 0.03 ? null
                : active ? now + TimeSpan.FromHours(random.Next(-60 * 24, 180 * 24))
                : now - TimeSpan.FromHours(random.Next(0, 730 * 24));
            var created = (due ?? now) - TimeSpan.FromHours(random.Next(7 * 24, 120 * 24));
            var returns = active && random.NextDouble() < 0.06 ? random.Next(1, 4) : 0;
            var pillar = pillars[random.Next(pillars.Count)];
            var plan = random.NextDouble() switch
            {
                < 0.70 => Plans[0],
                < 0.85 => Plans[1],
                < 0.92 => Plans[2],
                _ => null,
            };
            var key = random.Next(1, 151).ToString("D3", CultureInfo.InvariantCulture);
            var kind = Kinds[random.Next(Kinds.Length)];
            var staff = agency + ".staff";
            var claimer = random.NextDouble() < 0.7 ? staff : agency + ".staff2";
            var completedAt = state == TaskState.Completed ? (due ?? now) - TimeSpan.FromHours(random.Next(0, 10 * 24)) : (DateTimeOffset?)null;
            yield return new TaskRecord
            {
                Id = id,
                InstanceId = id[..16] + "0000000000000000",
                DefinitionId = provinces.Contains(agency) ? "province-task" : agency == Ndrc ? "national-key-task" : "ministry-task",
                ActivityId = kind == "task" ? "refine1" : kind + "1",
                BookmarkId = id[16..] + "0000000000000000",
                CorrelationId = plan is null ? null : $"{plan}:KT-{key}:{agency}",
                Title = $"进度填报 Progress report: 人工智能+重点任务 {key} AI+ key task {key} — {agency}",
                Description = "结合本单位实际细化落实举措，按期报送进度与佐证材料 Refine the measures for your agency; report progress and evidence on time",
                Kind = kind,
                AgencyCode = agency,
                AssigneeRole = kind is "review" or "verification" ? "lead" : "staff",
                AssigneeUser = random.NextDouble() < 0.1 ? staff : null,
                ClaimedBy = state == TaskState.Claimed || state == TaskState.Completed ? claimer : null,
                State = state,
                Colour = active ? _colours.ColourAt(due, now, returns) : TaskColour.Green,
                Priority = random.Next(1, 5),
                Pillar = pillar,
                PlanId = plan,
                LeadAgencyCode = ministries[random.Next(ministries.Count)],
                DueAt = due,
                Outcomes = kind is "review" ? "[\"Approved\",\"Returned\"]" : "[\"Submitted\"]",
                ReturnCount = returns,
                ReturnReason = returns > 0 ? "佐证材料不足 Evidence missing" : null,
                EscalationLevel = active && due < now ? random.Next(0, 3) : 0,
                Outcome = state == TaskState.Completed ? "Submitted" : null,
                Result = state == TaskState.Completed ? "{\"measures\":\"已完成 done\"}" : null,
                CompletedBy = state == TaskState.Completed ? claimer : null,
                CreatedAt = created,
                UpdatedAt = completedAt ?? created,
                CompletedAt = completedAt,
            };
        }
    }

    /// <summary>Provinces about two thirds of the rows, the ministries about a third, NDRC 2 %.</summary>
    private string Agency(Random random) => random.NextDouble() switch
    {
        < 0.65 => provinces[random.Next(provinces.Count)],
        < 0.98 => ministries[random.Next(ministries.Count)],
        _ => Ndrc,
    };
}
