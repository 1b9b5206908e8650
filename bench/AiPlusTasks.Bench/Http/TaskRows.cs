using System.Globalization;
using System.Text.Json;
using AiPlusTasks.Engine;
using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Tasks;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlusTasks.Bench.Http;

/// <summary>
/// Years of task history in one go: copies of the caller agency's real tasks (made by real workflows first, so every
/// column has a real value and size) for every agency of the directory, with the columns of the engine's own EF model. Copies
/// get their own id, agency, catalog item, priority, due date and state — most completed (history), the rest open,
/// claimed, overdue or returned — from a fixed seed, so every run has the same rows. They point at no instance.
/// </summary>
internal static class TaskRows
{
    private const int Seed = 5;

    /// <summary>Adds the rows; returns how many of the caller agency's added rows are open or claimed.</summary>
    /// <exception cref="BenchmarkFailedException">The caller's agency has no task to copy.</exception>
    public static async Task<int> AddAsync(string databaseFile, string workflowsFolder, string callerAgency, int callerTasks, int otherTasksPerAgency)
    {
        var folder = Path.Combine(workflowsFolder, DirectoryFiles.FolderName);
        var agencies = DirectoryFiles.LoadAgencies(Path.Combine(folder, DirectoryFiles.AgenciesFileName));
        var items = DirectoryFiles.LoadCatalog(Path.Combine(folder, DirectoryFiles.CatalogFileName)).Pillars.SelectMany(p => p.Items).Select(i => i.Code).ToArray();

        var connectionString = $"Data Source={databaseFile};Default Timeout=30";
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddWorkflowEngine(e => e.UseSqlite(connectionString));
        await using var provider = services.BuildServiceProvider();
        try
        {
            await using var db = await provider.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
            var templates = await db.Tasks.AsNoTracking().Where(t => t.AgencyCode == callerAgency).OrderBy(t => t.Id).ToListAsync();
            if (templates.Count == 0)
            {
                throw new BenchmarkFailedException($"no task of {callerAgency} to copy: the real workflows made none");
            }

            var random = new Random(Seed);
            var now = TimeProvider.System.GetUtcNow();
            var rows = new List<TaskRecord>();
            foreach (var agency in agencies.All.Select(a => a.Code))
            {
                var count = agency == callerAgency ? callerTasks : otherTasksPerAgency;
                rows.AddRange(Enumerable.Range(0, count).Select(i => Copy(templates[i % templates.Count], callerAgency, agency, items[random.Next(items.Length)], random, now)));
            }

            await InsertAsync(db.Model, connectionString, rows);
            return rows.Count(r => r.AgencyCode == callerAgency && r.State is TaskState.Open or TaskState.Claimed);
        }
        finally
        {
            // Pooled connections would keep the bench's handles on the file the Host serves from.
            SqliteConnection.ClearAllPools();
        }
    }

    /// <summary>
    /// One prepared INSERT in one transaction, its columns and value conversions taken from the engine's EF model (so
    /// a schema change shows here too): ~10,000 rows take well under a second, where SaveChanges takes several.
    /// </summary>
    private static async Task InsertAsync(IModel model, string connectionString, List<TaskRecord> rows)
    {
        var entity = model.FindEntityType(typeof(TaskRecord)) ?? throw new BenchmarkFailedException("the engine's model has no TaskRecord");
        var table = StoreObjectIdentifier.Table(entity.GetTableName() ?? "Tasks", entity.GetSchema());
        var properties = entity.GetProperties().ToList();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", properties.Select(p => $"\"{p.GetColumnName(table)}\""))}) " +
            $"VALUES ({string.Join(", ", properties.Select((_, i) => $"$p{i.ToString(CultureInfo.InvariantCulture)}"))})";
        var parameters = properties.Select((_, i) => insert.Parameters.Add(new SqliteParameter($"$p{i.ToString(CultureInfo.InvariantCulture)}", null))).ToArray();
        foreach (var row in rows)
        {
            for (var i = 0; i < properties.Count; i++)
            {
                var value = properties[i].PropertyInfo?.GetValue(row);
                var converter = properties[i].GetTypeMapping().Converter;
                parameters[i].Value = (value is not null && converter is not null ? converter.ConvertToProvider(value) : value) ?? DBNull.Value;
            }

            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    private static TaskRecord Copy(TaskRecord template, string callerAgency, string agency, string item, Random random, DateTimeOffset now)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        var id = new Guid(bytes).ToString("N");
        var roll = random.NextDouble();
        var state = roll switch
        {
            < 0.15 => TaskState.Open,
            < 0.20 => TaskState.Claimed,
            _ => TaskState.Completed,
        };
        var completed = state == TaskState.Completed;
        var due = completed ? now.AddDays(-random.Next(0, 540)) : now.AddDays(random.Next(-30, 180));
        var created = due.AddDays(-random.Next(15, 90));
        var completedAt = completed ? due.AddDays(-random.Next(0, 10)) : (DateTimeOffset?)null;
        var returned = !completed && random.NextDouble() < 0.05;
        return new TaskRecord
        {
            Id = id,
            InstanceId = $"synthetic-{id}",
            DefinitionId = template.DefinitionId,
            ActivityId = template.ActivityId,
            BookmarkId = $"synthetic-{id}",
            CorrelationId = template.CorrelationId,
            Title = template.Title.Replace(callerAgency, agency, StringComparison.Ordinal),
            Description = template.Description,
            Kind = template.Kind,
            AgencyCode = agency,
            AssigneeRole = template.AssigneeRole,
            AssigneeUser = template.AssigneeUser,
            ClaimedBy = state == TaskState.Claimed ? $"{agency}.staff" : null,
            State = state,
            Colour = completed ? TaskColour.Green : due < now ? TaskColour.Red : returned ? TaskColour.Yellow : due < now.AddDays(3) ? TaskColour.Blue : TaskColour.Green,
            Priority = random.Next(1, 5),
            Pillar = item,
            PlanId = template.PlanId,
            LeadAgencyCode = template.LeadAgencyCode,
            DueAt = due,
            Outcomes = template.Outcomes,
            Schema = template.Schema,
            Prefill = template.Prefill,
            ReturnCount = returned ? 1 : 0,
            ReturnReason = returned ? "补充量化指标 Add measurable targets" : null,
            EscalationLevel = !completed && due < now ? 1 : 0,
            Outcome = completed ? FirstOutcome(template.Outcomes) : null,
            Result = completed ? """{"measures":"已按计划完成 Done as planned"}""" : null,
            CompletedBy = completed ? $"{agency}.staff" : null,
            CreatedAt = created,
            UpdatedAt = completedAt ?? created,
            CompletedAt = completedAt,
        };
    }

    private static string? FirstOutcome(string outcomes) => JsonSerializer.Deserialize<string[]>(outcomes) is [var first, ..] ? first : null;
}
