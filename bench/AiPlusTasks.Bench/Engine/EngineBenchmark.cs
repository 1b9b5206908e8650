using AiPlusTasks.Engine;
using AiPlusTasks.Engine.Definitions;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiPlusTasks.Bench.Engine;

/// <summary>Which database the engine runs on.</summary>
public enum EngineStore
{
    /// <summary>A SQLite WAL file in a temp folder.</summary>
    File,

    /// <summary>A SQLite in-memory shared-cache database (not a separate in-memory store: the same SQL, no disk).</summary>
    Memory,

    /// <summary>A new database on the PostgreSQL server named by <see cref="BenchPostgres.ServerVariable"/>, dropped afterwards.</summary>
    Postgres,
}

/// <summary>
/// AiPlusTasks hosted as the product hosts it (<c>AddWorkflowEngine(e =&gt; e.UseSqlite(…))</c> in a generic host),
/// driven through <see cref="WorkflowRuntime"/>: start every instance, then raise every event by correlation id, on
/// a given number of concurrent callers. Each call commits its burst before it returns, so when the last call
/// returns every instance has finished; the database is then checked to be sure.
/// </summary>
internal static class EngineBenchmark
{
    public static async Task<ScenarioResult> RunAsync(
        BenchMode mode, EngineStore store, string synchronous, int callers, CommandTally? tally = null, string? definitionJson = null)
    {
        var folder = TempFolder.Create();
        var memoryName = $"bench{Guid.NewGuid():N}";
        await using var postgres = store == EngineStore.Postgres ? await BenchPostgres.CreateDatabaseAsync() : null;
        var connectionString = store switch
        {
            EngineStore.File => $"Data Source={Path.Combine(folder, "engine.db")};Default Timeout=30",
            EngineStore.Memory => $"Data Source=file:{memoryName}?mode=memory&cache=shared;Default Timeout=30",
            _ => postgres!.ConnectionString,
        };

        // An in-memory shared-cache database lives while a connection to it is open: hold one for the whole run.
        await using var keepAlive = store == EngineStore.Memory ? new SqliteConnection(connectionString) : null;
        if (keepAlive is not null)
        {
            await keepAlive.OpenAsync();
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Production" });
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddWorkflowEngine(e =>
        {
            if (store == EngineStore.Postgres)
            {
                e.UsePostgres(connectionString);
            }
            else
            {
                e.UseSqlite(connectionString, synchronous);
            }
        });
        if (tally is not null)
        {
            // AddWorkflowEngine adds every registered IInterceptor to its DbContext options.
            builder.Services.AddSingleton<IInterceptor>(tally);
        }

        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var definitions = host.Services.GetRequiredService<WorkflowDefinitionStore>();
            var runtime = host.Services.GetRequiredService<WorkflowRuntime>();
            await definitions.ImportAsync(definitionJson ?? BenchDefinition.Json(), "bench");
            await definitions.PublishAsync(BenchDefinition.DefinitionId);

            await RunBatchAsync(runtime, "warm", mode.WarmUp, callers);
            using var batches = new CommitBatches();
            tally?.Reset();
            var stopwatch = RunClock.Start();
            await RunBatchAsync(runtime, "run", mode.Instances, callers);
            stopwatch.Stop();
            var sqlCommands = tally?.Commands ?? 0;
            var sqlTime = tally?.Duration ?? TimeSpan.Zero;

            var total = mode.WarmUp + mode.Instances;
            var finished = (await runtime.ListAsync(new InstanceQuery(BenchDefinition.DefinitionId, WorkflowStatus.Finished, null, 1, 1))).TotalCount;
            var all = (await runtime.ListAsync(new InstanceQuery(BenchDefinition.DefinitionId, null, null, 1, 1))).TotalCount;
            if (finished != total || all != total)
            {
                throw new BenchmarkFailedException($"engine ({store}, {callers} callers): {finished} of {all} instances finished, expected {total}");
            }

            var storeName = store switch
            {
                EngineStore.File => $"SQLite file, WAL, synchronous={synchronous}",
                EngineStore.Memory => "SQLite in-memory (shared cache), not a separate store",
                _ => $"PostgreSQL {postgres!.ServerVersion} on loopback, Quartz clustered",
            } + FormattableString.Invariant($"; {batches.MeanSize:F1} bursts per commit");
            if (tally is not null)
            {
                storeName += FormattableString.Invariant(
                    $"; {(double)sqlCommands / mode.Instances:F1} SQL commands per instance, {sqlTime.TotalSeconds / stopwatch.Elapsed.TotalSeconds:P0} of the time inside them");
            }

            return new ScenarioResult(
                $"aiplustasks-{store switch { EngineStore.File => "sqlite-" + synchronous.ToLowerInvariant(), EngineStore.Memory => "memory", _ => "postgres" }}",
                storeName,
                callers,
                mode.Instances,
                2L * mode.Instances,
                stopwatch.Elapsed.TotalSeconds,
                PeakWorkingSet.Bytes()) { CpuSeconds = stopwatch.CpuSeconds, MethodsJitted = stopwatch.MethodsJitted };
        }
        finally
        {
            await host.StopAsync();
            SqliteConnection.ClearAllPools();
            TempFolder.Delete(folder);
        }
    }

    private static async Task RunBatchAsync(WorkflowRuntime runtime, string prefix, int count, int callers)
    {
        await Callers.RunAsync(count, callers, async i =>
        {
            var started = await runtime.StartAsync(new StartWorkflowRequest(BenchDefinition.DefinitionId, null, $"{prefix}-{i}"));
            if (started.Status != WorkflowStatus.Suspended)
            {
                throw new BenchmarkFailedException($"instance {started.Id} is {started.Status} after start, expected Suspended");
            }
        });
        await Callers.RunAsync(count, callers, async i =>
        {
            var resumed = await runtime.RaiseEventAsync(BenchDefinition.EventName, $"{prefix}-{i}", null);
            if (resumed.Count != 1)
            {
                throw new BenchmarkFailedException($"event for {prefix}-{i} resumed {resumed.Count} instances, expected 1");
            }
        });
    }
}
