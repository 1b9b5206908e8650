using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace AiPlusTasks.Designer;

/// <summary>
/// How the designer's pages call the engine: as the signed-in user (the cascading authentication state), through the
/// service methods that take the caller — the ones the API's endpoints call — so the designer and the API apply one rule
/// (docs/decisions/014). A refusal sends the browser to the host's <c>/forbidden</c> page.
/// </summary>
internal static class DesignerCaller
{
    /// <summary>The signed-in user as the engine's caller.</summary>
    /// <exception cref="InvalidOperationException">No authentication state cascades (the host did not add it) or nobody is signed in.</exception>
    public static async Task<Caller> OfAsync(Task<AuthenticationState>? authenticationState) =>
        CallerClaims.ToCaller((await (authenticationState ?? throw new InvalidOperationException("the designer needs the cascading authentication state"))).User);

    /// <summary>Runs a page's load; on <see cref="ForbiddenException"/> goes to <c>/forbidden</c> (as the API answers 403) and returns false.</summary>
    public static async Task<bool> LoadAsync(NavigationManager navigation, Func<Task> load)
    {
        try
        {
            await load();
            return true;
        }
        catch (ForbiddenException)
        {
            navigation.NavigateTo("forbidden", replace: true);
            return false;
        }
    }
}
