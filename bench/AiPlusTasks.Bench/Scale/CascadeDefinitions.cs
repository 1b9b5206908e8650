using System.Text.Json.Nodes;
using static AiPlusTasks.Bench.ElsaJson;

namespace AiPlusTasks.Bench.Scale;

/// <summary>
/// The two-level cascade the repository's workflows cannot express (national-key-task fans out once, to 1–5 co-unit
/// ministries and the 32 provinces): a national task fans out with <c>AiPlus.FanOut</c> to its lead and co-unit ministries
/// (<see cref="National"/>), each ministry fans out to the provinces (<see cref="Ministry"/>), and each province runs the
/// repository's own <c>province-task</c> workflow, which issues its <c>AiPlus.HumanTask</c> (refine measures) and waits.
/// One assignment = one province-task instance with its open task; the ministry level only cascades, so a national
/// task with m ministries and p provinces makes exactly m × p assignments. The inputs are those the plan roll gives
/// a key task's workflow (title, pillar, leadAgency, coAgencies, provinces, dueAt, planId, blueWithin).
/// </summary>
internal static class CascadeDefinitions
{
    public const string National = "bench-national-cascade";

    public const string Ministry = "bench-ministry-cascade";

    /// <summary>The repository's workflow each province runs.</summary>
    public const string Province = "province-task";

    private const string PassOn =
        "title: getInput('title'), pillar: getInput('pillar'), dueAt: getInput('dueAt'), planId: getInput('planId') || null, blueWithin: getInput('blueWithin') || null";

    public static string NationalJson() => Definition(
        National,
        "基准：国家任务两级分解 Bench: national task cascading to ministries, then provinces",
        [],
        [
            Activity("start1", "Elsa.Start"),
            Activity(
                "ministries1",
                "AiPlus.FanOut",
                ("agencies", JavaScript("[getInput('leadAgency')].concat(getInput('coAgencies') || [])", "Object")),
                ("workflowDefinitionId", Literal(Ministry)),
                ("input", JavaScript($"({{ {PassOn}, leadAgency: getInput('leadAgency'), provinces: getInput('provinces') || null }})", "Object")),
                ("completion", Literal("all")),
                ("rollupVariable", Literal("MinistryRollup"))),
            Activity("end1", "Elsa.End"),
        ],
        [Connection("start1", "Done", "ministries1"), Connection("ministries1", "Done", "end1")]).ToJsonString();

    public static string MinistryJson(IReadOnlyList<string> allProvinces) => Definition(
        Ministry,
        "基准：部委向省级单位分解 Bench: a ministry cascades its part to the provinces",
        [
            Variable("AllProvinces", "String[]", new JsonArray([.. allProvinces.Select(p => (JsonNode)p)]).ToJsonString()),
            Variable("ProvinceRollup", "Object", null),
        ],
        [
            Activity("start1", "Elsa.Start"),
            Activity(
                "provinces1",
                "AiPlus.FanOut",
                ("agencies", JavaScript("getInput('provinces') || variables.AllProvinces", "Object")),
                ("workflowDefinitionId", Literal(Province)),
                ("input", JavaScript($"({{ {PassOn}, leadAgency: getInput('agency'), guidance: null }})", "Object")),
                ("completion", Literal("all")),
                ("rollupVariable", Literal("ProvinceRollup"))),
            Activity("end1", "Elsa.End"),
        ],
        [Connection("start1", "Done", "provinces1"), Connection("provinces1", "Done", "end1")]).ToJsonString();
}
