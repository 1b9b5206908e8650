using System.Data.Common;
using System.Text;

namespace AiPlusTasks.Reliability.Tests;

/// <summary>
/// Read-only counts straight from the database, after a <see cref="Workload"/> of <c>count</c> probes ran. The
/// definitions the assertions use:
/// <list type="bullet">
/// <item><b>lost</b>: a logical start (a correlation id the workload had acknowledged) with no instance, or whose
/// instance did not reach <c>Finished</c>;</item>
/// <item><b>duplicated instance</b>: a correlation id with more than one instance;</item>
/// <item><b>duplicated task</b>: two tasks for one (instance, activity);</item>
/// <item><b>duplicated event</b>: an (instance, event type) in the outbox twice (the probe has each type once);</item>
/// <item><b>inconsistent journal</b>: a journal other than <see cref="Workload.ExpectedJournal"/> with sequences 1…n,
/// so also a timer resumed twice or never;</item>
/// <item><b>left over</b>: bookmarks or work items of finished instances.</item>
/// </list>
/// </summary>
public sealed class ConsistencyAudit
{
    private readonly StringBuilder _problems = new();

    private ConsistencyAudit()
    {
    }

    public int Expected { get; private init; }

    public int Instances { get; private set; }

    public int Lost { get; private set; }

    public int DuplicatedInstances { get; private set; }

    public IReadOnlyDictionary<string, int> ByStatus { get; private set; } = new Dictionary<string, int>();

    public int Tasks { get; private set; }

    public int DuplicatedTasks { get; private set; }

    public IReadOnlyDictionary<string, int> EventsByType { get; private set; } = new Dictionary<string, int>();

    public int DuplicatedEvents { get; private set; }

    /// <summary>The outbox ids (each delivery's <c>webhook-id</c>) of every event about the probes.</summary>
    public IReadOnlySet<string> EventIds { get; private set; } = new HashSet<string>();

    public int TimerResumes { get; private set; }

    public int InconsistentJournals { get; private set; }

    public int BookmarksLeft { get; private set; }

    public int WorkItemsLeft { get; private set; }

    /// <summary>Counts everything about the workload's <paramref name="count"/> probes in <paramref name="database"/>.</summary>
    public static async Task<ConsistencyAudit> RunAsync(TestDatabase database, Workload workload, int count)
    {
        var audit = new ConsistencyAudit { Expected = count };
        await using var connection = await database.OpenAsync();
        await audit.CountInstancesAsync(connection, workload, count);
        await audit.CountTasksAsync(connection, workload.DefinitionId);
        await audit.CountEventsAsync(connection, workload.DefinitionId);
        await audit.CheckJournalsAsync(connection, workload.DefinitionId);
        audit.BookmarksLeft = await ScalarAsync(connection, workload.DefinitionId, """
            SELECT COUNT(*) FROM "Bookmarks" b JOIN "WorkflowInstances" i ON i."Id" = b."InstanceId"
            WHERE i."DefinitionId" = @definitionId AND i."Status" = 'Finished'
            """);
        audit.WorkItemsLeft = await ScalarAsync(connection, workload.DefinitionId, """
            SELECT COUNT(*) FROM "WorkItems" w JOIN "WorkflowInstances" i ON i."Id" = w."InstanceId" WHERE i."DefinitionId" = @definitionId
            """);
        return audit;
    }

    /// <summary>The figures, for the test output and docs/reliability.md.</summary>
    public string Figures() =>
        $"instances {Instances} of {Expected} ({string.Join(", ", ByStatus.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key} {s.Value}"))}); " +
        $"lost {Lost}, duplicated instances {DuplicatedInstances}; tasks {Tasks}, duplicated {DuplicatedTasks}; " +
        $"events {string.Join(", ", EventsByType.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key} {e.Value}"))}, duplicated {DuplicatedEvents}; " +
        $"timer resumes {TimerResumes}; inconsistent journals {InconsistentJournals}; bookmarks left {BookmarksLeft}, work items left {WorkItemsLeft}";

    /// <summary>Fails, naming the first problems seen, unless every probe finished once with one task, its events once and its journal exact.</summary>
    public void AssertClean()
    {
        var clean = Lost == 0 && DuplicatedInstances == 0 && Instances == Expected && DuplicatedTasks == 0 && Tasks == Expected
            && DuplicatedEvents == 0 && EventsByType.Count == Workload.ExpectedEvents.Count && Workload.ExpectedEvents.All(t => EventsByType.GetValueOrDefault(t) == Expected)
            && TimerResumes == Expected && InconsistentJournals == 0 && BookmarksLeft == 0 && WorkItemsLeft == 0;
        Assert.True(clean, $"{Figures()}{Environment.NewLine}{_problems}");
    }

    private async Task CountInstancesAsync(DbConnection connection, Workload workload, int count)
    {
        var perCorrelation = new Dictionary<string, (int Instances, int Finished)>(StringComparer.Ordinal);
        var byStatus = new Dictionary<string, int>(StringComparer.Ordinal);
        await ReadAsync(connection, workload.DefinitionId, """
            SELECT "CorrelationId", "Status", COUNT(*) FROM "WorkflowInstances" WHERE "DefinitionId" = @definitionId GROUP BY "CorrelationId", "Status"
            """, row =>
        {
            var (correlationId, status, n) = (row.GetString(0), row.GetString(1), Convert.ToInt32(row.GetValue(2), System.Globalization.CultureInfo.InvariantCulture));
            var seen = perCorrelation.GetValueOrDefault(correlationId);
            perCorrelation[correlationId] = (seen.Instances + n, seen.Finished + (status == "Finished" ? n : 0));
            byStatus[status] = byStatus.GetValueOrDefault(status) + n;
        });
        ByStatus = byStatus;
        Instances = byStatus.Values.Sum();
        for (var i = 0; i < count; i++)
        {
            var correlationId = workload.CorrelationId(i);
            var seen = perCorrelation.GetValueOrDefault(correlationId);
            if (seen.Finished == 0)
            {
                Lost++;
                Note($"lost: {correlationId} has {seen.Instances} instance(s), none finished");
            }

            if (seen.Instances > 1)
            {
                DuplicatedInstances += seen.Instances - 1;
                Note($"duplicated: {correlationId} has {seen.Instances} instances");
            }
        }
    }

    private async Task CountTasksAsync(DbConnection connection, string definitionId)
    {
        Tasks = await ScalarAsync(connection, definitionId, """SELECT COUNT(*) FROM "Tasks" WHERE "DefinitionId" = @definitionId""");
        await ReadAsync(connection, definitionId, """
            SELECT "InstanceId", "ActivityId", COUNT(*) FROM "Tasks" WHERE "DefinitionId" = @definitionId
            GROUP BY "InstanceId", "ActivityId" HAVING COUNT(*) > 1
            """, row =>
        {
            DuplicatedTasks += Convert.ToInt32(row.GetValue(2), System.Globalization.CultureInfo.InvariantCulture) - 1;
            Note($"duplicated task: instance {row.GetString(0)} has {row.GetValue(2)} tasks for {row.GetString(1)}");
        });
    }

    private async Task CountEventsAsync(DbConnection connection, string definitionId)
    {
        var events = new List<(string InstanceId, string Type, string Id)>();
        await ReadAsync(connection, definitionId, """
            SELECT o."InstanceId", o."Type", o."Id" FROM "Outbox" o JOIN "WorkflowInstances" i ON i."Id" = o."InstanceId" WHERE i."DefinitionId" = @definitionId
            """, row => events.Add((row.GetString(0), row.GetString(1), row.GetString(2))));
        EventIds = events.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        EventsByType = events.CountBy(e => e.Type).ToDictionary(StringComparer.Ordinal);
        foreach (var twice in events.CountBy(e => (e.InstanceId, e.Type)).Where(n => n.Value > 1))
        {
            DuplicatedEvents += twice.Value - 1;
            Note($"duplicated event: instance {twice.Key.InstanceId} has {twice.Value} × {twice.Key.Type}");
        }
    }

    private async Task CheckJournalsAsync(DbConnection connection, string definitionId)
    {
        var journals = new Dictionary<string, List<(long Sequence, string ActivityId, string Event)>>(StringComparer.Ordinal);
        await ReadAsync(connection, definitionId, """
            SELECT j."InstanceId", j."Sequence", j."ActivityId", j."Event" FROM "Journal" j JOIN "WorkflowInstances" i ON i."Id" = j."InstanceId"
            WHERE i."DefinitionId" = @definitionId ORDER BY j."InstanceId", j."Sequence"
            """, row =>
        {
            if (!journals.TryGetValue(row.GetString(0), out var entries))
            {
                journals[row.GetString(0)] = entries = [];
            }

            entries.Add((row.GetInt64(1), row.GetString(2), row.GetString(3)));
        });
        TimerResumes = journals.Values.Sum(entries => entries.Count(e => e.ActivityId == "delay1" && e.Event == "Resumed"));
        var expected = Workload.ExpectedJournal.Select((e, i) => ((long)i + 1, e.ActivityId, e.Event)).ToList();
        foreach (var (instanceId, entries) in journals.Where(j => !j.Value.SequenceEqual(expected)))
        {
            InconsistentJournals++;
            Note($"journal of {instanceId}: {string.Join(" ", entries.Select(e => $"{e.Sequence}:{e.ActivityId}/{e.Event}"))}");
        }

        // An instance with no journal at all never ran a burst.
        InconsistentJournals += Instances - journals.Count;
    }

    private void Note(string problem)
    {
        // The first few are enough to start a diagnosis; the counts say how many there were.
        if (_problems.Length < 4000)
        {
            _problems.AppendLine(problem);
        }
    }

    private static async Task<int> ScalarAsync(DbConnection connection, string definitionId, string sql)
    {
        await using var command = Command(connection, definitionId, sql);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ReadAsync(DbConnection connection, string definitionId, string sql, Action<DbDataReader> row)
    {
        await using var command = Command(connection, definitionId, sql);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            row(reader);
        }
    }

    private static DbCommand Command(DbConnection connection, string definitionId, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "definitionId";
        parameter.Value = definitionId;
        command.Parameters.Add(parameter);
        return command;
    }
}
