namespace AiPlusTasks.Host.Security;

/// <summary>
/// The audit trail's actions the <see cref="SignInService"/> records (outcomes are <c>AuditOutcomes</c>': succeeded,
/// failed, refused — locked out, disabled, rate limited or session ended). The detail says which path (form or API) and
/// why; it never holds a password or code.
/// </summary>
public static class SignInAudit
{
    /// <summary>A password check at sign-in (form or API).</summary>
    public const string Password = "signin.password";

    /// <summary>A user locked out by a failure just now (after Identity's number of failures in a row).</summary>
    public const string Lockout = "signin.lockout";

    /// <summary>A second factor's check (authenticator code or recovery code).</summary>
    public const string TwoFactor = "signin.two-factor";

    /// <summary>A session issued: every step passed (cookie or tokens).</summary>
    public const string SessionIssued = "signin.session";

    /// <summary>Enrolling an authenticator app.</summary>
    public const string Enrolment = "two-factor.enrol";

    /// <summary>A password change by the user.</summary>
    public const string PasswordChange = "password.change";

    /// <summary>A refresh token exchanged for new tokens.</summary>
    public const string Refresh = "token.refresh";

    /// <summary>A sign-out (every session of the user ends).</summary>
    public const string SignOut = "signout";

    /// <summary>The error code of a new password equal to the current one (beside Identity's password policy codes).</summary>
    public const string SamePasswordCode = "PasswordUnchanged";
}
