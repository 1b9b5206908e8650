using System.Collections.Concurrent;
using System.Security.Claims;
using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Host.Security;

/// <summary>
/// Keeps sessions revocable: a cookie or bearer token is checked against its user (the security stamp it was issued
/// with, and that the user is not disabled) when its last check is older than
/// <see cref="SignInOptions.SessionValidationInterval"/>. Signing out, a password change or reset, enrolling two-factor
/// and disabling the user all change the stamp, so every session and token of the user fails its next check.
/// </summary>
public sealed class SessionValidator(IOptionsMonitor<SignInOptions> options, TimeProvider time)
{
    // Bearer tokens carry no state to record their last check in, so the checks are remembered here: per user, the stamp
    // last found current and when. Bounded by the number of users; another node of a cluster checks for itself.
    private readonly ConcurrentDictionary<string, (string Stamp, DateTimeOffset CheckedAt)> _bearerChecks = new(StringComparer.Ordinal);

    /// <summary>
    /// The cookie scheme's <c>OnValidatePrincipal</c>: a cookie issued or checked longer ago than the interval is checked
    /// again; a revoked one is rejected and cleared, a current one gets the user's claims as they are now (roles, agency)
    /// and a new issue time.
    /// </summary>
    public async Task ValidateCookieAsync(CookieValidatePrincipalContext context)
    {
        var now = time.GetUtcNow();
        if (context.Properties.IssuedUtc is { } issued && now - issued <= options.CurrentValue.SessionValidationInterval)
        {
            return;
        }

        var signIn = context.HttpContext.RequestServices.GetRequiredService<SignInManager<UserRecord>>();
        var user = await signIn.ValidateSecurityStampAsync(context.Principal);
        if (user is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }

        context.ReplacePrincipal(await signIn.CreateUserPrincipalAsync(user));
        context.Properties.IssuedUtc = now;
        context.ShouldRenew = true;
    }

    /// <summary>Whether a bearer token's principal is still its user's current session (see the class).</summary>
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, IServiceProvider requestServices)
    {
        var name = principal.Identity?.Name;
        var signIn = requestServices.GetRequiredService<SignInManager<UserRecord>>();
        var stamp = principal.FindFirstValue(signIn.Options.ClaimsIdentity.SecurityStampClaimType);
        if (name is null || stamp is null)
        {
            return false;
        }

        var now = time.GetUtcNow();
        if (_bearerChecks.TryGetValue(name, out var check) && check.Stamp == stamp && now - check.CheckedAt <= options.CurrentValue.SessionValidationInterval)
        {
            return true;
        }

        if (await signIn.ValidateSecurityStampAsync(principal) is null)
        {
            _bearerChecks.TryRemove(name, out _);
            return false;
        }

        _bearerChecks[name] = (stamp, now);
        return true;
    }

    /// <summary>Forgets the remembered checks of a user whose sessions were just revoked here, so this node refuses them at once.</summary>
    public void Forget(string userName) => _bearerChecks.TryRemove(userName, out _);
}
