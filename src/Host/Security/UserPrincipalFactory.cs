using System.Security.Claims;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Tasks;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Host.Security;

/// <summary>
/// The principal of a signed-in user, for the cookie and the bearer tokens alike: Identity's claims (id, name, security
/// stamp) plus the <see cref="Caller"/>'s agency and one role claim per role (<see cref="CallerClaims"/>).
/// </summary>
internal sealed class UserPrincipalFactory(UserManager<UserRecord> userManager, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<UserRecord>(userManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(UserRecord user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(CallerClaims.AgencyClaim, user.AgencyCode));
        foreach (var role in Roles.Parse(user.Roles))
        {
            identity.AddClaim(new Claim(Options.ClaimsIdentity.RoleClaimType, role));
        }

        return identity;
    }
}
