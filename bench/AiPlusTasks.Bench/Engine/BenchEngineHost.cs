using AiPlusTasks.Engine;
using AiPlusTasks.Engine.Definitions;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Workflows.Execution;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiPlusTasks.Bench.Engine;

/// <summary>
/// AiPlusTasks hosted as the product hosts it (<c>AddWorkflowEngine(e =&gt; e.UseSqlite(…))</c> in a generic host)
/// on a fresh database, with the bench workflow published; drives it through <see cref="WorkflowRuntime"/> and
/// checks what it finished. Disposing stops the host and deletes the database.
/// </summary>
internal sealed class BenchEngineHost : IAsyncDisposable
{
    private readonly string _folder;
    private readonly SqliteConnection? _keepAlive;
    private readonly BenchPostgres? _postgres;
    private readonly IHost _host;

    private BenchEngineHost(string folder, SqliteConnection? keepAlive, BenchPostgres? postgres, IHost host, string connectionString)
    {
        _folder = folder;
        _keepAlive = keepAlive;
        _postgres = postgres;
        _host = host;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    /// <summary>The PostgreSQL server's version; null on SQLite.</summary>
    public string? PostgresVersion => _postgres?.ServerVersion;

    public WorkflowRuntime Runtime => _host.Services.GetRequiredService<WorkflowRuntime>();

    /// <summary>Starts the engine on a new database of <paramref name="store"/> and publishes the bench workflow.</summary>
    /// <param name="store">The database.</param>
    /// <param name="synchronous">SQLite's <c>synchronous</c> level (ignored on PostgreSQL).</param>
    /// <param name="interceptor">Registered for the engine's DbContexts (AddWorkflowEngine adds every registered IInterceptor).</param>
    /// <param name="definitionJson">The bench workflow; default <see cref="BenchDefinition.Json"/>.</param>
    /// <param name="relay">On PostgreSQL, connect through this relay (it counts round trips).</param>
    public static async Task<BenchEngineHost> StartAsync(
        EngineStore store, string synchronous, IInterceptor? interceptor = null, string? definitionJson = null, RoundTripCounter? relay = null)
    {
        var folder = TempFolder.Create();
        var postgres = store == EngineStore.Postgres ? await BenchPostgres.CreateDatabaseAsync(relay) : null;
        var connectionString = store switch
        {
            EngineStore.File => $"Data Source={Path.Combine(folder, "engine.db")};Default Timeout=30",
            EngineStore.Memory => $"Data Source=file:bench{Guid.NewGuid():N}?mode=memory&cache=shared;Default Timeout=30",
            _ => postgres!.ConnectionString,
        };

        // An in-memory shared-cache database lives while a connection to it is open: hold one for the whole run.
        var keepAlive = store == EngineStore.Memory ? new SqliteConnection(connectionString) : null;
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
        if (interceptor is not null)
        {
            builder.Services.AddSingleton(interceptor);
        }

        var host = builder.Build();
        await host.StartAsync();
        var engine = new BenchEngineHost(folder, keepAlive, postgres, host, connectionString);
        var definitions = host.Services.GetRequiredService<WorkflowDefinitionStore>();
        await definitions.ImportAsync(definitionJson ?? BenchDefinition.Json(), "bench");
        await definitions.PublishAsync(BenchDefinition.DefinitionId);
        return engine;
    }

    /// <summary>
    /// Starts <paramref name="count"/> instances (correlation ids <c>{prefix}-0</c>…), then raises every one's event,
    /// on <paramref name="callers"/> concurrent callers. Each call commits its burst before it returns.
    /// </summary>
    public async Task RunBatchAsync(string prefix, int count, int callers)
    {
        var runtime = Runtime;
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

    /// <summary>Fails unless the database holds exactly <paramref name="total"/> bench instances, every one Finished.</summary>
    public async Task CheckAllFinishedAsync(int total, string what)
    {
        var finished = (await Runtime.ListAsync(new InstanceQuery(BenchDefinition.DefinitionId, WorkflowStatus.Finished, null, 1, 1))).TotalCount;
        var all = (await Runtime.ListAsync(new InstanceQuery(BenchDefinition.DefinitionId, null, null, 1, 1))).TotalCount;
        if (finished != total || all != total)
        {
            throw new BenchmarkFailedException($"{what}: {finished} of {all} instances finished, expected {total}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        if (_keepAlive is not null)
        {
            await _keepAlive.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        TempFolder.Delete(_folder);
    }
}
