using System.Security.Claims;

namespace AiPlusTasks.Engine.Tasks;

/// <summary>
/// How a <see cref="Caller"/> travels in a <see cref="ClaimsPrincipal"/>: the name claim, an <c>agency</c> claim and one
/// role claim per role. The one mapping used by the Host's schemes (token, API key, cookie), its endpoints and the UI.
/// </summary>
public static class CallerClaims
{
    /// <summary>The claim type of the caller's agency code.</summary>
    public const string AgencyClaim = "agency";

    /// <summary>
    /// The claim type of the network address the request came from: added by the Host to each request's principal (never
    /// issued in a token or cookie), read into <see cref="Caller.Address"/> for the audit trail.
    /// </summary>
    public const string AddressClaim = "address";

    /// <summary>The principal a token, an API key or the sign-in cookie carries for a caller.</summary>
    public static ClaimsPrincipal ToPrincipal(Caller caller, string authenticationScheme)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, caller.Name), new(AgencyClaim, caller.AgencyCode) };
        claims.AddRange(caller.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationScheme));
    }

    /// <summary>The caller of an authenticated principal.</summary>
    /// <exception cref="InvalidOperationException">The principal is not authenticated.</exception>
    public static Caller ToCaller(ClaimsPrincipal user) => new(
        user.Identity?.Name ?? throw new InvalidOperationException("the request is not authenticated"),
        user.FindFirstValue(AgencyClaim) ?? "",
        user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal))
    {
        Address = user.FindFirstValue(AddressClaim),
    };
}
