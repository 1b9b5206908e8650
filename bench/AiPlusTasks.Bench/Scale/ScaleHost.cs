using AiPlusTasks.Engine;
using AiPlusTasks.Engine.Definitions;
using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Engine.Planning;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Workflows.Definitions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiPlusTasks.Bench.Scale;

/// <summary>
/// The engine hosted as the product hosts it — <c>AddWorkflowEngine(e =&gt; e.UseSqlite(…).UseDirectory(…))</c> in a
/// generic host — on a fresh SQLite file (WAL, synchronous NORMAL) in a temp folder. Starting the host applies the
/// engine's migrations. Disposing stops the host and deletes the folder.
/// </summary>
internal sealed class ScaleHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _folder;

    private ScaleHost(IHost host, string folder, string databaseFile, string connectionString)
    {
        _host = host;
        _folder = folder;
        DatabaseFile = databaseFile;
        ConnectionString = connectionString;
    }

    public string DatabaseFile { get; }

    public string ConnectionString { get; }

    public IServiceProvider Services => _host.Services;

    public WorkflowRuntime Runtime => Services.GetRequiredService<WorkflowRuntime>();

    public TaskService Tasks => Services.GetRequiredService<TaskService>();

    public PlanService Plans => Services.GetRequiredService<PlanService>();

    public AgencyDirectory Agencies => Services.GetRequiredService<AgencyDirectory>();

    public Catalog Catalog => Services.GetRequiredService<Catalog>();

    /// <param name="configure">More services, e.g. an EF Core interceptor (the engine adds every registered <c>IInterceptor</c>).</param>
    public static async Task<ScaleHost> StartAsync(Action<IServiceCollection>? configure = null)
    {
        var folder = TempFolder.Create();
        var file = Path.Combine(folder, "engine.db");
        var connectionString = $"Data Source={file};Default Timeout=30";
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Production" });
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddWorkflowEngine(e => e
            .UseSqlite(connectionString, "NORMAL")
            .UseDirectory(Path.Combine(RepositoryFolders.Workflows(), DirectoryFiles.FolderName)));
        configure?.Invoke(builder.Services);
        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            TempFolder.Delete(folder);
            throw;
        }

        return new ScaleHost(host, folder, file, connectionString);
    }

    /// <summary>Imports and publishes workflow files of the repository's <c>workflows/</c> folder, by file name without extension.</summary>
    public async Task PublishRepositoryWorkflowsAsync(params string[] names)
    {
        var store = Services.GetRequiredService<WorkflowDefinitionStore>();
        foreach (var name in names)
        {
            var json = await File.ReadAllTextAsync(Path.Combine(RepositoryFolders.Workflows(), name + ".json"));
            await store.ImportAndPublishIfChangedAsync(json, name + ".json");
        }
    }

    /// <summary>Imports and publishes a definition built in code.</summary>
    public async Task PublishAsync(string definitionId, string json)
    {
        var store = Services.GetRequiredService<WorkflowDefinitionStore>();
        await store.ImportAsync(json, definitionId);
        await store.PublishAsync(definitionId);
    }

    /// <summary>A connection of the bench's own to the engine's file (for counting and bulk loading), opened.</summary>
    public async Task<SqliteConnection> OpenConnectionAsync()
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync();
        }
        finally
        {
            _host.Dispose();
            SqliteConnection.ClearAllPools();
            TempFolder.Delete(_folder);
        }
    }
}
