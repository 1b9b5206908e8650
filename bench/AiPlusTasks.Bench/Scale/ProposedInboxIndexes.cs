namespace AiPlusTasks.Bench.Scale;

/// <summary>
/// The index change the inbox scenario proposes for the engine's SQLite migrations, applied by hand to the bench's
/// database only, to measure the inbox before and after. Not part of the engine.
/// <para>Why: every inbox page query orders by <c>"DueAt" IS NULL, "DueAt", "Priority", "Id"</c> (TaskService.ListAsync),
/// and the open-work views filter <c>"State" IN ('Open', 'Claimed')</c>. No index gives that order, so SQLite reads
/// every matching row of the agency (all columns: the summary is projected after the query) and sorts it into a temp
/// B-tree to return 50; and for counts with a plan, pillar or returned filter it reads every row, and without
/// statistics it picks <c>IX_Tasks_PlanId_State</c> for "open by plan" (a plan holds most rows of every agency).</para>
/// <para>The change: replace <c>IX_Tasks_AgencyCode_State_DueAt</c> with an index in the inbox's order that also covers
/// the filter columns (single-state views — unclaimed, completed — page straight off it; counts never touch the
/// table), and add two partial indexes over open and claimed tasks in due and priority order. EF Core's
/// <c>HasIndex</c> cannot index the expression <c>"DueAt" IS NULL</c>, so the migration needs <c>migrationBuilder.Sql</c>;
/// a partial index is used only while the query's WHERE contains the same term, here EF's
/// <c>"t"."State" IN ('Open', 'Claimed')</c>.</para>
/// </summary>
internal static class ProposedInboxIndexes
{
    public static readonly string[] Statements =
    [
        "DROP INDEX IF EXISTS \"IX_Tasks_AgencyCode_State_DueAt\"",
        "CREATE INDEX IF NOT EXISTS \"IX_Tasks_Inbox_AgencyState\" ON \"Tasks\" (\"AgencyCode\", \"State\", \"DueAt\" IS NULL, \"DueAt\", \"Priority\", \"Id\", \"PlanId\", \"Pillar\", \"ReturnCount\", \"ClaimedBy\", \"AssigneeUser\")",
        "CREATE INDEX IF NOT EXISTS \"IX_Tasks_Inbox_Active\" ON \"Tasks\" (\"AgencyCode\", \"DueAt\" IS NULL, \"DueAt\", \"Priority\", \"Id\", \"PlanId\", \"Pillar\", \"ReturnCount\") WHERE \"State\" IN ('Open', 'Claimed')",
        "CREATE INDEX IF NOT EXISTS \"IX_Tasks_Inbox_ActiveByPriority\" ON \"Tasks\" (\"AgencyCode\", \"Priority\", \"DueAt\" IS NULL, \"DueAt\", \"Id\") WHERE \"State\" IN ('Open', 'Claimed')",
    ];
}
