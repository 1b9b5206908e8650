using AiPlusTasks.Designer.Activities;
using AiPlusTasks.Designer.Graph;
using AiPlusTasks.Designer.Interop;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Workflows.Activities;
using AiPlusTasks.Workflows.Definitions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiPlusTasks.Designer;

/// <summary>The designer's one entry point: <c>services.AddWorkflowDesigner()</c>.</summary>
public static class DesignerServiceCollectionExtensions
{
    /// <summary>
    /// Adds the designer: the activity catalog (from the engine's registered activities and its definitions usable as
    /// activities, when the engine is added), the graph mapper and the
    /// designer's localized texts. Expects the engine (<c>AddWorkflowEngine</c>) and MudBlazor (<c>AddMudServices</c>)
    /// to be added by the host; the agency picker uses the engine's <c>AgencyDirectory</c> when there is one and falls
    /// back to plain text otherwise. Cron previews use <c>Engine:TimeZone</c> (China Standard Time by default) and the
    /// registered <see cref="TimeProvider"/> (the system clock unless the host registered another).
    /// </summary>
    public static IServiceCollection AddWorkflowDesigner(this IServiceCollection services)
    {
        services.AddLocalization();
        services.AddOptions<EngineOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new ActivityCatalog(sp.GetServices<IActivity>().Select(a => a.Descriptor), sp.GetService<DefinitionActivityTypes>()));
        services.TryAddSingleton<DefinitionGraphMapper>();
        services.TryAddScoped<CanvasInterop>();
        return services;
    }
}
