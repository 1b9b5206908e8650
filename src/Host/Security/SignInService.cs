using System.Security.Claims;
using System.Threading.RateLimiting;
using AiPlusTasks.Engine.Audit;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Web.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Host.Security;

/// <summary>
/// The one way in for people, used by the sign-in form (<c>/account/…</c>) and the API (<c>/api/auth/…</c>,
/// <c>/api/account/password</c>) alike, on Identity's <see cref="SignInManager{TUser}"/> and <see cref="UserManager{TUser}"/>:
/// <list type="bullet">
/// <item>a password check is limited per user name (<see cref="SignInThrottle"/>; per address in front of the routes),
/// locks the user out after Identity's number of failures, and costs the same for an unknown, locked-out or disabled
/// user as for a known one (their password is checked against a dummy hash), and all of them get one answer;</item>
/// <item>a correct password leads to the steps left (<see cref="PendingSignIn"/>): a new password when the account has a
/// one-time or reset password, enrolling an authenticator app when a role of
/// <see cref="SignInOptions.TwoFactorRoles"/> requires it, its code at every sign-in once enrolled;</item>
/// <item>every success and failure, lockout, two-factor failure, password change, enrolment, refresh and sign-out is
/// written to the audit trail with the actor, the client address and the outcome — never a password or code.</item>
/// </list>
/// </summary>
public sealed class SignInService(
    UserManager<UserRecord> users,
    SignInManager<UserRecord> signIn,
    IOptionsMonitor<SignInOptions> options,
    AuditTrail audit,
    SignInThrottle throttle,
    SessionValidator sessions)
{
    private static string? _dummyHash;

    /// <summary>Checks a user name and password (see the class). Succeeded carries the user and the step left, if any.</summary>
    public async Task<SignInAttempt> CheckPasswordAsync(string userName, string password, SignInChannel channel, string? address, CancellationToken cancellationToken)
    {
        userName = userName.Trim();
        var (lease, throttled) = await AcquireAsync(userName, SignInAudit.Password, channel, address, cancellationToken);
        using var held = lease;
        if (throttled is not null)
        {
            return throttled;
        }

        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            VerifyDummy(password);
            await RecordAsync(SignInAudit.Password, userName, AuditOutcomes.Failed, channel, address, "unknown user");
            return SignInAttempt.Failed;
        }

        if (!await signIn.CanSignInAsync(user) || await users.IsLockedOutAsync(user))
        {
            // Identity answers these without checking the password; check one anyway, so the time taken tells nothing.
            VerifyDummy(password);
            var why = user.DisabledAt is not null ? "disabled" : "locked out";
            await RecordAsync(SignInAudit.Password, user.UserName!, AuditOutcomes.Refused, channel, address, why);
            return SignInAttempt.Failed;
        }

        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            await RecordAsync(SignInAudit.Password, user.UserName!, AuditOutcomes.Failed, channel, address, "wrong password");
            if (result.IsLockedOut)
            {
                await RecordLockoutAsync(user, channel, address);
            }

            return SignInAttempt.Failed;
        }

        return new SignInAttempt(SignInOutcome.Succeeded, user, await NextStepAsync(user, secondFactorDone: false));
    }

    /// <summary>
    /// Checks the second factor of a user whose password was right: the authenticator app's 6-digit code (each accepted
    /// once), or one of the user's recovery codes (each usable once). A wrong one counts toward the lockout.
    /// </summary>
    public async Task<SignInAttempt> CheckSecondFactorAsync(UserRecord user, string code, SignInChannel channel, string? address, CancellationToken cancellationToken)
    {
        var (lease, throttled) = await AcquireAsync(user.UserName!, SignInAudit.TwoFactor, channel, address, cancellationToken, checksPassword: false);
        using var held = lease;
        if (throttled is not null)
        {
            return throttled;
        }

        if (!await signIn.CanSignInAsync(user) || await users.IsLockedOutAsync(user))
        {
            await RecordAsync(SignInAudit.TwoFactor, user.UserName!, AuditOutcomes.Refused, channel, address, "locked out or disabled");
            return SignInAttempt.Failed;
        }

        code = code.Trim();
        var isAppCode = code.Replace(" ", "", StringComparison.Ordinal).All(char.IsAsciiDigit);
        var valid = isAppCode
            ? await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code)
            : (await users.RedeemTwoFactorRecoveryCodeAsync(user, code)).Succeeded;
        if (!valid)
        {
            await RecordAsync(
                SignInAudit.TwoFactor, user.UserName!, AuditOutcomes.Failed, channel, address, isAppCode ? "wrong authenticator code" : "wrong recovery code");
            await CountFailureAsync(user, channel, address);
            return SignInAttempt.Failed;
        }

        await users.ResetAccessFailedCountAsync(user);
        if (!isAppCode)
        {
            await RecordAsync(SignInAudit.TwoFactor, user.UserName!, AuditOutcomes.Succeeded, channel, address, "recovery code used");
        }

        return new SignInAttempt(SignInOutcome.Succeeded, user, await NextStepAsync(user, secondFactorDone: true));
    }

    /// <summary>
    /// Changes a password given the current one (checked like a sign-in: limits, lockout, audit). The new one must meet
    /// the password policy (Invalid with its errors) and differ from the current one. A changed password clears
    /// <see cref="UserRecord.MustChangePassword"/> and ends every other session and token of the user (its stamp changes).
    /// A two-factor user gives a code too unless <paramref name="secondFactorDone"/> (SecondFactorRequired without one).
    /// Succeeded carries the step left before a session, if any.
    /// </summary>
    public async Task<SignInAttempt> ChangePasswordAsync(
        string userName,
        string currentPassword,
        string newPassword,
        bool secondFactorDone,
        string? secondFactorCode,
        SignInChannel channel,
        string? address,
        CancellationToken cancellationToken)
    {
        var check = await CheckPasswordAsync(userName, currentPassword, channel, address, cancellationToken);
        if (check.Outcome != SignInOutcome.Succeeded)
        {
            return check;
        }

        var user = check.User!;
        if (!secondFactorDone && await users.GetTwoFactorEnabledAsync(user))
        {
            if (string.IsNullOrWhiteSpace(secondFactorCode))
            {
                return new SignInAttempt(SignInOutcome.SecondFactorRequired, user);
            }

            var second = await CheckSecondFactorAsync(user, secondFactorCode, channel, address, cancellationToken);
            if (second.Outcome != SignInOutcome.Succeeded)
            {
                return second;
            }
        }

        if (string.Equals(currentPassword, newPassword, StringComparison.Ordinal))
        {
            return new SignInAttempt(SignInOutcome.Invalid, user, Errors: [new IdentityError { Code = SignInAudit.SamePasswordCode, Description = "The new password must differ from the current one." }]);
        }

        var changed = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        if (!changed.Succeeded)
        {
            await RecordAsync(SignInAudit.PasswordChange, user.UserName!, AuditOutcomes.Failed, channel, address,
                "policy: " + string.Join(",", changed.Errors.Select(e => e.Code)));
            return new SignInAttempt(SignInOutcome.Invalid, user, Errors: [.. changed.Errors]);
        }

        if (user.MustChangePassword)
        {
            user.MustChangePassword = false;
            await users.UpdateAsync(user);
        }

        sessions.Forget(user.UserName!);
        await RecordAsync(SignInAudit.PasswordChange, user.UserName!, AuditOutcomes.Succeeded, channel, address, null);
        return new SignInAttempt(SignInOutcome.Succeeded, user, await NextStepAsync(user, secondFactorDone: true));
    }

    /// <summary>
    /// The authenticator key a user about to enrol scans or types (base32). Made when the user has none; kept while
    /// enrolment is unfinished, so a key scanned in an abandoned attempt still works.
    /// </summary>
    public async Task<string> AuthenticatorKeyAsync(UserRecord user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }

        return key!;
    }

    /// <summary>
    /// Finishes enrolment with the first code of the user's app: turns two-factor sign-in on and makes 10 recovery codes
    /// (Succeeded carries them, to be shown once). A wrong code counts toward the lockout.
    /// </summary>
    public async Task<SignInAttempt> EnrolAsync(UserRecord user, string code, SignInChannel channel, string? address, CancellationToken cancellationToken)
    {
        var (lease, throttled) = await AcquireAsync(user.UserName!, SignInAudit.Enrolment, channel, address, cancellationToken, checksPassword: false);
        using var held = lease;
        if (throttled is not null)
        {
            return throttled;
        }

        var compact = code.Replace(" ", "", StringComparison.Ordinal);
        if (!compact.All(char.IsAsciiDigit) || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, compact))
        {
            await RecordAsync(SignInAudit.Enrolment, user.UserName!, AuditOutcomes.Failed, channel, address, "wrong authenticator code");
            await CountFailureAsync(user, channel, address);
            return SignInAttempt.Failed;
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToList() ?? [];
        await users.ResetAccessFailedCountAsync(user);
        sessions.Forget(user.UserName!);
        await RecordAsync(SignInAudit.Enrolment, user.UserName!, AuditOutcomes.Succeeded, channel, address, null);
        return new SignInAttempt(SignInOutcome.Succeeded, user, PendingSignIn.RecoveryCodes, RecoveryCodes: codes);
    }

    /// <summary>The session's principal for a user who passed every step, recorded as a successful sign-in.</summary>
    public async Task<ClaimsPrincipal> CompleteAsync(UserRecord user, SignInChannel channel, string? address, CancellationToken cancellationToken)
    {
        await RecordAsync(SignInAudit.SessionIssued, user.UserName!, AuditOutcomes.Succeeded, channel, address, null);
        return await signIn.CreateUserPrincipalAsync(user);
    }

    /// <summary>
    /// Ends every session of the user: the security stamp changes, so each cookie, bearer token and refresh token of the
    /// user fails its next check (here at once, on other nodes within <see cref="SignInOptions.SessionValidationInterval"/>).
    /// </summary>
    public async Task SignOutAsync(ClaimsPrincipal principal, SignInChannel channel, string? address, CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null)
        {
            return;
        }

        await users.UpdateSecurityStampAsync(user);
        sessions.Forget(user.UserName!);
        await RecordAsync(SignInAudit.SignOut, user.UserName!, AuditOutcomes.Succeeded, channel, address, null);
    }

    /// <summary>
    /// A new principal for a refresh token's principal when its session is still current (stamp unchanged, user not
    /// disabled or locked out, no password change pending), with the user's claims as they are now; null otherwise. Both
    /// are audited.
    /// </summary>
    public async Task<ClaimsPrincipal?> RefreshAsync(ClaimsPrincipal principal, string? address, CancellationToken cancellationToken)
    {
        var user = await signIn.ValidateSecurityStampAsync(principal);
        var name = principal.Identity?.Name ?? "";
        if (user is null || await users.IsLockedOutAsync(user) || user.MustChangePassword)
        {
            await RecordAsync(SignInAudit.Refresh, name, AuditOutcomes.Refused, SignInChannel.Api, address, "session ended");
            return null;
        }

        await RecordAsync(SignInAudit.Refresh, user.UserName!, AuditOutcomes.Succeeded, SignInChannel.Api, address, null);
        return await signIn.CreateUserPrincipalAsync(user);
    }

    /// <summary>The user of a name, or null.</summary>
    public Task<UserRecord?> FindAsync(string? userName) =>
        string.IsNullOrEmpty(userName) ? Task.FromResult<UserRecord?>(null) : users.FindByNameAsync(userName);

    /// <summary>
    /// The step left, or null when the user may have a session. In order: an enrolled user's code (before anything else,
    /// so a password alone changes nothing), a new password, enrolment when a role requires it.
    /// </summary>
    private async Task<string?> NextStepAsync(UserRecord user, bool secondFactorDone)
    {
        var enrolled = await users.GetTwoFactorEnabledAsync(user);
        if (enrolled && !secondFactorDone)
        {
            return PendingSignIn.TwoFactorCode;
        }

        if (user.MustChangePassword)
        {
            return PendingSignIn.ChangePassword;
        }

        if (enrolled)
        {
            return null;
        }

        var required = options.CurrentValue.TwoFactorRoleSet;
        return Engine.Tasks.Roles.Parse(user.Roles).Any(required.Contains)
            ? PendingSignIn.EnrolTwoFactor
            : null;
    }

    /// <summary>
    /// An attempt's turn: one of the user name's attempts, and (for a password check) a turn to hash. Refused: a
    /// Throttled answer (audited) and no lease.
    /// </summary>
    private async Task<(RateLimitLease? Lease, SignInAttempt? Throttled)> AcquireAsync(
        string userName, string action, SignInChannel channel, string? address, CancellationToken cancellationToken, bool checksPassword = true)
    {
        using var perUser = throttle.AcquireForUser(userName);
        if (!perUser.IsAcquired)
        {
            await RecordAsync(action, userName, AuditOutcomes.Refused, channel, address, "too many attempts for this user name");
            return (null, new SignInAttempt(SignInOutcome.Throttled, RetryAfter: SignInThrottle.RetryAfter(perUser)));
        }

        if (!checksPassword)
        {
            return (null, null);
        }

        var turn = await throttle.AcquirePasswordCheckAsync(cancellationToken);
        if (!turn.IsAcquired)
        {
            turn.Dispose();
            await RecordAsync(action, userName, AuditOutcomes.Refused, channel, address, "too many password checks at once");
            return (null, new SignInAttempt(SignInOutcome.Throttled, RetryAfter: TimeSpan.FromSeconds(1)));
        }

        return (turn, null);
    }

    /// <summary>A wrong code counts toward the lockout like a wrong password; the lockout it causes is a line of its own.</summary>
    private async Task CountFailureAsync(UserRecord user, SignInChannel channel, string? address)
    {
        await users.AccessFailedAsync(user);
        if (await users.IsLockedOutAsync(user))
        {
            await RecordLockoutAsync(user, channel, address);
        }
    }

    private Task RecordLockoutAsync(UserRecord user, SignInChannel channel, string? address) =>
        RecordAsync(SignInAudit.Lockout, user.UserName!, AuditOutcomes.Refused, channel, address,
            $"locked out until {user.LockoutEnd:u} after {users.Options.Lockout.MaxFailedAccessAttempts} failures");

    /// <summary>One line of the audit trail: the user (or the name tried) as actor and target, the path and reason as detail.</summary>
    private Task RecordAsync(string action, string actor, string outcome, SignInChannel channel, string? address, string? why) =>
        audit.RecordAsync(
            new AuditEntry(action, actor, actor, outcome, address, why is null ? Channel(channel) : $"{Channel(channel)}: {why}"),
            // Written even when the client gives up on its request: an attacker must not be able to skip the line.
            CancellationToken.None);

    private static string Channel(SignInChannel channel) => channel == SignInChannel.Form ? "web form" : "api";

    /// <summary>Spends the time of a real password check on a dummy hash made with the same hasher and settings.</summary>
    private void VerifyDummy(string password)
    {
        var dummy = new UserRecord { AgencyCode = "", Roles = "" };
        _dummyHash ??= users.PasswordHasher.HashPassword(dummy, Guid.NewGuid().ToString("N"));
        users.PasswordHasher.VerifyHashedPassword(dummy, _dummyHash, password);
    }
}
