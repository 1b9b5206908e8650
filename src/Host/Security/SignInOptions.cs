using System.ComponentModel.DataAnnotations;
using AiPlusTasks.Engine.Tasks;

namespace AiPlusTasks.Host.Security;

/// <summary>
/// Sign-in, two-factor and session settings (section <c>Security</c>). Lockout (failed attempts before a lockout, its
/// length) and the password policy are Identity's options, set where the engine registers Identity.
/// </summary>
public sealed class SignInOptions : IValidatableObject
{
    public const string SectionName = "Security";

    /// <summary>
    /// The roles whose users must sign in with a second factor (an authenticator app's code), comma-separated. A user with
    /// any of them enrols at the next sign-in. Default: NDRC planners, supervisors, administrators and auditors, and agency
    /// leads. Empty: nobody must (Development and Testing set this; a user who enrolled still gives a code).
    /// </summary>
    public string TwoFactorRoles { get; set; } = "ndrc-planner,ndrc-supervisor,ndrc-admin,auditor,agency-lead";

    /// <summary>
    /// How old a session's last check may be before the next request checks it against the user again (security stamp,
    /// disabled): a signed-out, disabled or re-passworded user's cookie, bearer token and open pages stop working within
    /// this time. Default 1 minute; zero checks every request.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan SessionValidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a bearer token from <c>POST /api/auth/token</c> or <c>/api/auth/refresh</c> works. Default 15 minutes.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a refresh token can be exchanged for new tokens. Default 8 hours (a working day).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How long the web UI's sign-in cookie lasts without use (sliding). Default 8 hours.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan CookieLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How long the steps after a correct password (new password, two-factor) may take. Default 10 minutes.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "01:00:00")]
    public TimeSpan PendingSignInLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Sign-in attempts (token, form, two-factor code, password change) one client address may make per
    /// <see cref="AddressWindow"/>; more are answered 429 with Retry-After. Default 30.
    /// </summary>
    [Range(1, 1_000_000)]
    public int AddressPermitLimit { get; set; } = 30;

    /// <summary>The window of <see cref="AddressPermitLimit"/>. Default 1 minute.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan AddressWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Attempts per user name (known or not, from any address) per <see cref="UserWindow"/>; more are answered 429.
    /// Default 10 (the lockout stops guessing after fewer; this stops a flood of slow password checks on one name).
    /// </summary>
    [Range(1, 1_000_000)]
    public int UserPermitLimit { get; set; } = 10;

    /// <summary>The window of <see cref="UserPermitLimit"/>. Default 5 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan UserWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Password checks (deliberately slow hashes) run at once; further attempts wait in a queue of the same length, and
    /// beyond it are answered 429, so a flood from many addresses cannot pin every core. Default: the number of cores.
    /// </summary>
    [Range(1, 1024)]
    public int ConcurrentPasswordChecks { get; set; } = Environment.ProcessorCount;

    /// <summary>The roles of <see cref="TwoFactorRoles"/> as a set.</summary>
    public IReadOnlySet<string> TwoFactorRoleSet =>
        TwoFactorRoles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var unknown = TwoFactorRoleSet.Where(r => !Roles.All.Contains(r, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            yield return new ValidationResult($"unknown roles in TwoFactorRoles: {string.Join(", ", unknown)}", [nameof(TwoFactorRoles)]);
        }
    }
}
