using System.Security.Claims;

namespace AiPlusTasks.Web.Account;

/// <summary>
/// A sign-in whose password was right but which has a step left before the user gets a session: choosing a new
/// password, enrolling an authenticator app, giving its code, or noting the recovery codes. It travels in a short-lived
/// cookie of its own scheme (<see cref="Scheme"/>), which opens only the account pages of that step; the sign-in cookie
/// is issued when the last step is done.
/// </summary>
public static class PendingSignIn
{
    /// <summary>The authentication scheme (and cookie) of a pending sign-in.</summary>
    public const string Scheme = "pending-sign-in";

    /// <summary>The cookie's name.</summary>
    public const string CookieName = "aiplustasks.pending";

    /// <summary>The claim naming the step left.</summary>
    public const string StepClaim = "step";

    /// <summary>The claim carrying where to go once signed in (a local path).</summary>
    public const string ReturnUrlClaim = "return-url";

    /// <summary>The claim carrying freshly made recovery codes, space-separated, for the one page that shows them.</summary>
    public const string RecoveryCodesClaim = "recovery-codes";

    /// <summary>Choose a new password (the account's password is a one-time or reset password): <c>/account/password</c>.</summary>
    public const string ChangePassword = "password";

    /// <summary>Enrol an authenticator app (the user's role requires two-factor sign-in): <c>/account/two-factor/setup</c>.</summary>
    public const string EnrolTwoFactor = "two-factor-setup";

    /// <summary>Give the authenticator app's code or a recovery code: <c>/account/two-factor</c>.</summary>
    public const string TwoFactorCode = "two-factor";

    /// <summary>Note the recovery codes made at enrolment: <c>/account/two-factor/recovery-codes</c>.</summary>
    public const string RecoveryCodes = "recovery-codes";

    /// <summary>The page of each step.</summary>
    public static string PageOf(string step) => step switch
    {
        ChangePassword => "/account/password",
        EnrolTwoFactor => "/account/two-factor/setup",
        TwoFactorCode => "/account/two-factor",
        RecoveryCodes => "/account/two-factor/recovery-codes",
        _ => "/signin",
    };

    /// <summary>The principal of a pending sign-in of <paramref name="userName"/> at <paramref name="step"/>.</summary>
    public static ClaimsPrincipal ToPrincipal(string userName, string step, string returnUrl, IEnumerable<string>? recoveryCodes = null)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, userName),
            new(StepClaim, step),
            new(ReturnUrlClaim, returnUrl),
        };
        if (recoveryCodes is not null)
        {
            claims.Add(new Claim(RecoveryCodesClaim, string.Join(' ', recoveryCodes)));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme));
    }

    /// <summary>The step of a pending sign-in's principal, or null when it is none.</summary>
    public static string? StepOf(ClaimsPrincipal? principal) =>
        principal?.Identity?.IsAuthenticated == true ? principal.FindFirstValue(StepClaim) : null;
}
