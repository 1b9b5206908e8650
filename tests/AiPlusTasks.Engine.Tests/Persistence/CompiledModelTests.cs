using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.CompiledModels.Postgres;
using AiPlusTasks.Engine.Persistence.CompiledModels.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlusTasks.Engine.Tests.Persistence;

/// <summary>
/// The engine runs on compiled EF Core models (<c>src/Engine/Persistence/CompiledModels</c>), which nothing rebuilds when
/// an entity or its configuration changes: these tests compare each with the model <c>OnModelCreating</c> builds now.
/// </summary>
public sealed class CompiledModelTests
{
    private static string Regenerate(string context, string provider) =>
        $"The compiled EF Core model of {context} is stale: regenerate it from the repository root with{Environment.NewLine}" +
        $"  dotnet ef dbcontext optimize --project src/Engine --context {context} --output-dir Persistence/CompiledModels/{provider} --namespace AiPlusTasks.Engine.Persistence.CompiledModels.{provider}{Environment.NewLine}" +
        "(README, \"Changing the database model\").";

    [Fact]
    public void Sqlite_EngineContext_RunsOnTheCompiledModel()
    {
        using var db = EngineContext(e => e.UseSqlite("Data Source=compiled-model-check.db"));

        Assert.Same(SqliteWorkflowDbContextModel.Instance, db.Model);
    }

    [Fact]
    public void Postgres_EngineContext_RunsOnTheCompiledModel()
    {
        using var db = EngineContext(e => e.UsePostgres("Host=127.0.0.1;Database=compiled_model_check"));

        Assert.Same(PostgresWorkflowDbContextModel.Instance, db.Model);
    }

    [Fact]
    public void Sqlite_CompiledModel_MatchesOnModelCreating()
    {
        using var db = EngineContext(e => e.UseSqlite("Data Source=compiled-model-check.db"));

        var differences = Differences(db.Model, DesignTimeModel(db));

        Assert.True(differences.Count == 0, Regenerate(nameof(SqliteWorkflowDbContext), "Sqlite") + Environment.NewLine + string.Join(Environment.NewLine, differences));
    }

    [Fact]
    public void Postgres_CompiledModel_MatchesOnModelCreating()
    {
        using var db = EngineContext(e => e.UsePostgres("Host=127.0.0.1;Database=compiled_model_check"));

        var differences = Differences(db.Model, DesignTimeModel(db));

        Assert.True(differences.Count == 0, Regenerate(nameof(PostgresWorkflowDbContext), "Postgres") + Environment.NewLine + string.Join(Environment.NewLine, differences));
    }

    [Fact]
    public void Differences_ModelsThatDiffer_AreReported()
    {
        // The check itself can fail: the SQLite compiled model differs from the PostgreSQL model in column types and
        // converters, as a stale model differs from the current one.
        using var sqlite = EngineContext(e => e.UseSqlite("Data Source=compiled-model-check.db"));
        using var postgres = EngineContext(e => e.UsePostgres("Host=127.0.0.1;Database=compiled_model_check"));

        var differences = Differences(sqlite.Model, DesignTimeModel(postgres));

        Assert.Contains("OnModelCreating only: column Tasks.DueAt: timestamp with time zone null", differences);
        Assert.Contains(differences, d => d.StartsWith("compiled model only: property", StringComparison.Ordinal) && d.Contains("DateTimeOffsetToBinaryConverter", StringComparison.Ordinal));
    }

    /// <summary>A context from the engine's own registration, so the test sees the options the engine runs with.</summary>
    private static WorkflowDbContext EngineContext(Action<WorkflowEngineBuilder> storage)
    {
        var services = new ServiceCollection().AddLogging().AddWorkflowEngine(storage);
        var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContext();
    }

    /// <summary>The model built from <c>OnModelCreating</c> now: EF Core builds it for design time even when a compiled model is in use.</summary>
    private static IModel DesignTimeModel(DbContext db) => db.GetService<IDesignTimeModel>().Model;

    /// <summary>
    /// Everything of the two models that queries and saving read at run time, as lines that differ: tables and their
    /// columns (store type, nullability), keys, foreign keys and indexes, and each entity's properties with their CLR
    /// types, value generation and value converters, and navigations. (EF Core's migration differ cannot take a compiled
    /// model: the design-time annotations it reads are not in it.)
    /// </summary>
    private static List<string> Differences(IModel compiled, IModel current)
    {
        var compiledShape = Shape(compiled);
        var currentShape = Shape(current);
        return
        [
            .. compiledShape.Except(currentShape).Order(StringComparer.Ordinal).Select(p => $"compiled model only: {p}"),
            .. currentShape.Except(compiledShape).Order(StringComparer.Ordinal).Select(p => $"OnModelCreating only: {p}"),
        ];
    }

    private static HashSet<string> Shape(IModel model)
    {
        var shape = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in model.GetRelationalModel().Tables)
        {
            shape.UnionWith(table.Columns.Select(c => $"column {table.Name}.{c.Name}: {c.StoreType}{(c.IsNullable ? " null" : "")}"));
            shape.UnionWith(table.UniqueConstraints.Select(k => $"key {table.Name}({Columns(k.Columns)}){(k.GetIsPrimaryKey() ? " primary" : "")}"));
            shape.UnionWith(table.ForeignKeyConstraints.Select(f =>
                $"foreign key {table.Name}({Columns(f.Columns)}) -> {f.PrincipalTable.Name}({Columns(f.PrincipalColumns)}) on delete {f.OnDeleteAction}"));
            shape.UnionWith(table.Indexes.Select(i => $"index {table.Name}.{i.Name}({Columns(i.Columns)}){(i.IsUnique ? " unique" : "")}"));
        }

        foreach (var entity in model.GetEntityTypes())
        {
            shape.UnionWith(entity.GetProperties().Select(p =>
                $"property {entity.Name}.{p.Name}: {p.ClrType.Name}{(p.IsNullable ? " null" : "")}, generated {p.ValueGenerated}, converter {p.GetValueConverter()?.GetType().Name ?? "none"}"));
            shape.UnionWith(entity.GetNavigations().Select(n => $"navigation {entity.Name}.{n.Name} -> {n.TargetEntityType.Name}"));
        }

        return shape;
    }

    private static string Columns(IEnumerable<IColumn> columns) => string.Join(", ", columns.Select(c => c.Name));
}
