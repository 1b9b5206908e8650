using AiPlusTasks.Designer;
using AiPlusTasks.Web.Account;
using AiPlusTasks.Web.Components;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace AiPlusTasks.Web;

/// <summary>
/// The web UI's entry points: <c>services.AddWebUi()</c> and <c>app.MapWebUi()</c>. The UI (inbox, task page, dashboard,
/// plans, integrations) and the designer it hosts are server-rendered interactive Razor components; they call the
/// engine's services with the signed-in caller, the same services the Host's endpoints call.
/// </summary>
public static class WebServiceCollectionExtensions
{
    /// <summary>
    /// Adds Razor components (interactive server), MudBlazor, the cascading authentication state (revalidated against the
    /// user's session, <see cref="SessionRevalidatingAuthenticationStateProvider"/>), localization and the designer. Expects the engine (<c>AddWorkflowEngine</c>) and the host's authentication to be added.
    /// </summary>
    public static IServiceCollection AddWebUi(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents()
            // The inbox hands its prerendered page to the circuit as persisted state, which the browser sends back over
            // the hub: 50 rows of Chinese titles pass SignalR's 32 KB default, and the circuit was closed at start.
            .AddHubOptions(o => o.MaximumReceiveMessageSize = 512 * 1024);
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, SessionRevalidatingAuthenticationStateProvider>();
        services.AddMudServices();
        services.AddLocalization();
        services.AddWorkflowDesigner();
        return services;
    }

    /// <summary>Maps the UI's pages and the designer's.</summary>
    public static RazorComponentsEndpointConventionBuilder MapWebUi(this IEndpointRouteBuilder app) =>
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode().AddAdditionalAssemblies(typeof(DesignerServiceCollectionExtensions).Assembly);
}
