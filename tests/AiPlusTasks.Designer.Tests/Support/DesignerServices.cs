using AiPlusTasks.Designer;
using AiPlusTasks.Designer.Activities;
using AiPlusTasks.Designer.Graph;
using AiPlusTasks.Engine;
using AiPlusTasks.Engine.Calendar;
using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Engine.Planning;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.TestRuns;
using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;
using AiPlusTasks.Workflows.Expressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Designer.Tests.Support;

/// <summary>
/// The engine's real activity types, validator and agency directory, registered as the Host registers them
/// (<c>AddWorkflowEngine</c> + <c>AddWorkflowDesigner</c>). Nothing is started: no database is opened.
/// </summary>
public static class DesignerServices
{
    private static readonly Lazy<ServiceProvider> Provider = new(() =>
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging();
        services.AddWorkflowEngine(e => e
            .UseSqlite("Data Source=:memory:")
            .UseDirectory(Path.Combine(RepositoryPaths.Workflows, "catalog")));
        services.AddWorkflowDesigner();
        return services.BuildServiceProvider();
    });

    public static IServiceProvider Services => Provider.Value;

    public static ActivityCatalog Catalog => Services.GetRequiredService<ActivityCatalog>();

    public static DefinitionGraphMapper Mapper => Services.GetRequiredService<DefinitionGraphMapper>();

    public static DefinitionValidator Validator => Services.GetRequiredService<DefinitionValidator>();

    public static AgencyDirectory Agencies => Services.GetRequiredService<AgencyDirectory>();

    /// <summary>The engine's test runner with its clock at <paramref name="time"/> (runs in memory; no database is opened).</summary>
    public static TestRunner TestRunnerAt(TimeProvider time) => new(
        Services.GetRequiredService<ActivityRegistry>(),
        Services.GetRequiredService<ExpressionEvaluator>(),
        Validator,
        time,
        Options.Create(new EngineOptions()),
        Services.GetRequiredService<WorkingCalendar>());

    /// <summary>Registers the same singletons in a bUnit context's services.</summary>
    public static void AddTo(IServiceCollection services)
    {
        services.AddSingleton(Catalog);
        services.AddSingleton(Agencies);
        services.AddSingleton(Mapper);
        services.AddSingleton(Services.GetRequiredService<AiPlusTasks.Engine.Directory.Catalog>());
        services.AddSingleton(Services.GetRequiredService<DisplayNames>());
        services.AddSingleton(Services.GetRequiredService<PlanService>());
    }

    /// <summary>A workflow file from <c>workflows/</c>, read by the engine.</summary>
    public static WorkflowDefinition ReadWorkflow(string file) =>
        WorkflowDefinitionJson.Read(File.ReadAllText(Path.Combine(RepositoryPaths.Workflows, file)), file);
}
