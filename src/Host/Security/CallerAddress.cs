using System.Security.Claims;
using AiPlusTasks.Engine.Tasks;

namespace AiPlusTasks.Host.Security;

/// <summary>
/// Carries the network address of each request to the engine's audit trail: an identity holding only
/// <see cref="CallerClaims.AddressClaim"/> (the connection's address, after the forwarded-headers rules) is added to the
/// authenticated principal, so every <see cref="Caller"/> made from it knows where it came from. Nothing issues it: tokens
/// and cookies are made from the caller, not from this principal, and the next request adds its own.
/// </summary>
public static class CallerAddress
{
    /// <summary>Adds the address after authorization has settled the principal (a policy may authenticate again).</summary>
    public static IApplicationBuilder UseCallerAddress(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.Identity?.IsAuthenticated == true && context.Connection.RemoteIpAddress is { } address
            && !context.User.HasClaim(c => c.Type == CallerClaims.AddressClaim))
        {
            context.User.AddIdentity(new ClaimsIdentity([new Claim(CallerClaims.AddressClaim, address.ToString())]));
        }

        await next(context);
    });
}
