using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Host.Security;

/// <summary>
/// Identity's sign-in rules for the directory's users: a disabled user (<see cref="UserRecord.DisabledAt"/>) can neither
/// sign in nor keep a session (its cookie, bearer and refresh tokens fail their next check), and no browser is
/// "remembered" past the second factor: every sign-in of a two-factor user asks for a code.
/// </summary>
internal sealed class UserSignInManager(
    UserManager<UserRecord> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<UserRecord> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<UserRecord>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<UserRecord> confirmation)
    : SignInManager<UserRecord>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(UserRecord user) =>
        user.DisabledAt is null && await base.CanSignInAsync(user);

    public override async Task<bool> ValidateSecurityStampAsync(UserRecord? user, string? securityStamp) =>
        user is { DisabledAt: null } && await base.ValidateSecurityStampAsync(user, securityStamp);

    public override Task<bool> IsTwoFactorClientRememberedAsync(UserRecord user) => Task.FromResult(false);
}
