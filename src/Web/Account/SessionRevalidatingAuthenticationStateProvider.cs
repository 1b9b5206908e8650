using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Web.Account;

/// <summary>
/// Keeps an open page's circuit as revocable as the cookie it started with: every
/// <see cref="SecurityStampValidatorOptions.ValidationInterval"/> (at least 5 seconds) the circuit's user is checked
/// with Identity's <see cref="SignInManager{TUser}.ValidateSecurityStampAsync(System.Security.Claims.ClaimsPrincipal)"/>
/// (stamp unchanged, user not disabled); once the user signed out, changed or had reset the password, or was disabled,
/// the circuit becomes anonymous and the page sends the browser to sign in.
/// </summary>
internal sealed class SessionRevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopes,
    IOptions<SecurityStampValidatorOptions> options) : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval =>
        options.Value.ValidationInterval < TimeSpan.FromSeconds(5) ? TimeSpan.FromSeconds(5) : options.Value.ValidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<UserRecord>>();
        return await signIn.ValidateSecurityStampAsync(authenticationState.User) is not null;
    }
}
