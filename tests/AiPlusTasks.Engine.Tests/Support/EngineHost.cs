using System.Data.Common;
using AiPlusTasks.Engine.Definitions;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace AiPlusTasks.Engine.Tests.Support;

/// <summary>
/// A real engine in a generic host: a SQLite file of its own, Quartz, the background worker, and fake time.
/// Two hosts made on the same file in turn simulate a restart.
/// </summary>
internal sealed class EngineHost : IAsyncDisposable
{
    private readonly IHost _host;

    private EngineHost(IHost host, string databaseFile, FakeTimeProvider time)
    {
        _host = host;
        DatabaseFile = databaseFile;
        Time = time;
    }

    public static DateTimeOffset Epoch { get; } = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    public string DatabaseFile { get; }

    public FakeTimeProvider Time { get; }

    public WorkflowRuntime Runtime => _host.Services.GetRequiredService<WorkflowRuntime>();

    public WorkflowDefinitionStore Definitions => _host.Services.GetRequiredService<WorkflowDefinitionStore>();

    public IServiceProvider Services => _host.Services;

    /// <param name="postgres">A PostgreSQL connection string to run on instead of the SQLite file.</param>
    public static async Task<EngineHost> StartAsync(
        string? databaseFile = null,
        FakeTimeProvider? time = null,
        Action<IServiceCollection>? configure = null,
        IDictionary<string, string?>? settings = null,
        string? postgres = null)
    {
        databaseFile ??= Path.Combine(Path.GetTempPath(), $"aiplustasks-engine-{Guid.NewGuid():N}.db");
        time ??= new FakeTimeProvider(Epoch);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Logging.ClearProviders();
        if (Environment.GetEnvironmentVariable("ENGINE_TEST_LOG") is { } level)
        {
            builder.Logging.AddSimpleConsole().SetMinimumLevel(Enum.Parse<LogLevel>(level));
        }
        builder.Configuration["Engine:WorkPollInterval"] = "00:00:00.050";

        // No nightly retention run on the system clock in the middle of a test (it would prune by the fake clock).
        builder.Configuration["Retention:Enabled"] = "false";
        if (settings is not null)
        {
            foreach (var (key, value) in settings)
            {
                builder.Configuration[key] = value;
            }
        }

        builder.Services.AddWorkflowEngine(e => (postgres is null ? e.UseSqlite($"Data Source={databaseFile};Default Timeout=30") : e.UsePostgres(postgres)).UseTimeProvider(time));
        configure?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new EngineHost(host, databaseFile, time);
    }

    /// <summary>Imports and publishes a definition.</summary>
    public async Task PublishAsync(string json)
    {
        var definition = await Definitions.ImportAsync(json, "test");
        await Definitions.PublishAsync(definition.DefinitionId);
    }

    /// <summary>Imports and publishes every definition in the repository's <c>workflows/</c>.</summary>
    public async Task PublishWorkflowFilesAsync()
    {
        foreach (var file in System.IO.Directory.GetFiles(RepositoryPaths.Workflows, "*.json"))
        {
            await Definitions.ImportAndPublishIfChangedAsync(await File.ReadAllTextAsync(file), Path.GetFileName(file));
        }
    }

    /// <summary>Waits (real time) until the instance reaches the status, or fails after the timeout.</summary>
    public async Task<InstanceView> WaitForStatusAsync(string instanceId, WorkflowStatus status, TimeSpan? timeout = null)
    {
        InstanceView? instance = null;
        await Eventually.TrueAsync(
            async () => (instance = await Runtime.GetAsync(instanceId)).Status == status,
            () => $"instance {instanceId} to be {status} (it is {instance?.Status}; incidents: {string.Join("; ", instance?.Incidents.Select(i => i.Message) ?? [])})",
            timeout ?? TimeSpan.FromSeconds(10));
        return instance!;
    }

    /// <summary>The texts written by WriteLine, in order.</summary>
    public async Task<List<string>> LinesAsync(string instanceId)
    {
        var journal = await Runtime.GetJournalAsync(instanceId, 1, 200);
        return [.. journal.Items.Where(e => e.ActivityType == "Elsa.WriteLine" && e.Event == "Completed").Select(e => e.Message ?? "")];
    }

    public async Task StopAsync() => await _host.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    /// <summary>Deletes a database file and its WAL companions.</summary>
    public static void DeleteDatabase(string file)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var path in new[] { file, file + "-wal", file + "-shm" })
        {
            File.Delete(path);
        }
    }
}

/// <summary>Fails every transaction commit while armed: a crash after a burst wrote its rows, before they commit.</summary>
internal sealed class FailingCommit : DbTransactionInterceptor
{
    public bool Armed { get; set; }

    public override ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
        Armed ? throw new IOException("simulated crash before commit") : base.TransactionCommittingAsync(transaction, eventData, result, cancellationToken);
}
