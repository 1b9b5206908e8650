using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using AiPlusTasks.Engine.Audit;
using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Tasks;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Host.Security;

/// <summary>
/// Turns a platform user into a local user at the end of a single sign-on: maps the claims
/// (<see cref="SingleSignOnClaimMap"/>), finds the local user linked to the platform's subject (an Identity external
/// login: provider name, subject) or provisions one when the provider allows it, refuses a user who may not sign in
/// (disabled; <see cref="SignInManager{TUser}.CanSignInAsync"/>), re-applies the
/// platform's agency, roles and name at every sign-in (the platform is their source of truth; a change of agency or roles
/// renews the security stamp, so the user's other sessions end), and audits every outcome.
/// </summary>
/// <remarks>
/// An existing local user is never linked by name: a platform user whose login name is taken gets a name derived from
/// the subject instead, so no platform can take over a password account by choosing its name.
/// </remarks>
public sealed class SingleSignOnSignIn(
    UserManager<UserRecord> users,
    SignInManager<UserRecord> signIn,
    WorkflowDbContext db,
    AuditTrail audit,
    SessionValidator sessions,
    IOptionsMonitor<SignInOptions> options,
    TimeProvider time,
    ILogger<SingleSignOnSignIn> logger,
    DisplayNames? displayNames = null)
{
    /// <summary>The audit trail's action for a sign-in through a platform (beside the password sign-in's <c>signin.password</c>).</summary>
    public const string AuditAction = "signin.sso";

    /// <summary>
    /// The local user to sign in, mapped, linked or provisioned, and brought up to date with the platform. The session
    /// itself is issued as for a password sign-in (<see cref="SignInService.CompleteAsync"/>).
    /// </summary>
    /// <exception cref="SingleSignOnRefusedException">The user may not sign in (audited).</exception>
    public async Task<UserRecord> SignInAsync(SingleSignOnProvider provider, ClaimsPrincipal external, IPAddress? address, CancellationToken cancellationToken)
    {
        SingleSignOnIdentity identity;
        try
        {
            identity = SingleSignOnClaimMap.Map(provider, external, options.CurrentValue.TwoFactorRoleSet);
        }
        catch (SingleSignOnRefusedException refused)
        {
            await RecordAsync(provider, Subject(external), null, refused.Reason, refused.Message, address, cancellationToken);
            throw;
        }

        var user = await users.FindByLoginAsync(provider.Name, identity.Subject);
        var detail = "";
        if (user is null)
        {
            if (!provider.ProvisionUsers)
            {
                throw await RefusalAsync(provider, identity.Subject, null, SingleSignOnRefusal.NotProvisioned, $"{provider.Name}: subject {identity.Subject} is not linked to a user", address, cancellationToken);
            }

            user = await ProvisionAsync(provider, identity);
            detail = "provisioned";
        }
        else if (!await signIn.CanSignInAsync(user))
        {
            throw await RefusalAsync(provider, identity.Subject, user.Id, SingleSignOnRefusal.Disabled, $"{provider.Name}: user {user.Id} is disabled", address, cancellationToken);
        }
        else
        {
            detail = await ReapplyAsync(user, identity);
        }

        await audit.RecordAsync(
            new AuditEntry(AuditAction, user.Id, user.Id, AuditOutcomes.Succeeded, address?.ToString(),
                $"provider {provider.Name}, subject {identity.Subject}, agency {user.AgencyCode}, roles {user.Roles}{(detail.Length > 0 ? $"; {detail}" : "")}"),
            CancellationToken.None);
        return user;
    }

    /// <summary>Audits a platform answer that did not check out (an error from the platform, a bad state or token).</summary>
    public async Task RecordFailureAsync(SingleSignOnProvider provider, Exception? failure, IPAddress? address, CancellationToken cancellationToken)
    {
        logger.LogWarning(failure, "Single sign-on through {Provider} failed", provider.Name);
        var message = failure?.Message ?? "unknown";
        await RecordAsync(provider, null, null, SingleSignOnRefusal.Failed, $"{provider.Name}: {message[..Math.Min(message.Length, 200)]}", address, cancellationToken);
    }

    /// <summary>Audits a refusal and gives the exception to throw.</summary>
    private async Task<SingleSignOnRefusedException> RefusalAsync(
        SingleSignOnProvider provider, string subject, string? user, SingleSignOnRefusal reason, string detail, IPAddress? address, CancellationToken cancellationToken)
    {
        await RecordAsync(provider, subject, user, reason, detail, address, cancellationToken);
        return new SingleSignOnRefusedException(reason, detail);
    }

    /// <summary>
    /// A refusal or failure on the audit trail: the actor is the local user when one is known, else the platform's
    /// subject (<c>sso:&lt;provider&gt;:&lt;subject&gt;</c>); the detail says why (never a token).
    /// </summary>
    private async Task RecordAsync(
        SingleSignOnProvider provider, string? subject, string? user, SingleSignOnRefusal reason, string detail, IPAddress? address, CancellationToken cancellationToken)
    {
        logger.LogInformation("Single sign-on through {Provider} did not sign the user in ({Reason}): {Detail}", provider.Name, reason, detail);
        var actor = user ?? $"sso:{provider.Name}:{subject ?? "?"}";
        await audit.RecordAsync(
            new AuditEntry(
                AuditAction,
                actor,
                user,
                reason == SingleSignOnRefusal.Failed ? AuditOutcomes.Failed : AuditOutcomes.Refused,
                address?.ToString(),
                $"{SingleSignOn.ReasonWord(reason)}: {detail}"),
            // Written even when the client gives up on its request, as for password sign-ins.
            CancellationToken.None);
    }

    /// <summary>
    /// A new local user for the platform user, with no password (it can only sign in through the platform until an
    /// administrator resets it), linked to the subject; both rows in one transaction.
    /// </summary>
    private async Task<UserRecord> ProvisionAsync(SingleSignOnProvider provider, SingleSignOnIdentity identity)
    {
        var name = await FreeNameAsync(identity);
        var user = UserStore.NewUser(name, identity.AgencyCode, identity.Roles.Order(StringComparer.Ordinal), identity.DisplayName, time.GetUtcNow());
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            Check(await users.CreateAsync(user), "create", name);
            Check(await users.AddLoginAsync(user, new UserLoginInfo(provider.Name, identity.Subject, provider.EnglishName)), "link", name);
            await transaction.CommitAsync();
        }

        displayNames?.Invalidate();
        return user;
    }

    /// <summary>The platform's agency, roles and name again; a new security stamp when agency or roles changed.</summary>
    private async Task<string> ReapplyAsync(UserRecord user, SingleSignOnIdentity identity)
    {
        var roles = Roles.Store(identity.Roles.Order(StringComparer.Ordinal));
        var accessChanged = user.AgencyCode != identity.AgencyCode || user.Roles != roles;
        var nameChanged = identity.DisplayName is not null && user.DisplayName != identity.DisplayName;
        if (!accessChanged && !nameChanged)
        {
            return "";
        }

        var before = $"agency {user.AgencyCode}, roles {user.Roles}";
        user.AgencyCode = identity.AgencyCode;
        user.Roles = roles;
        user.DisplayName = identity.DisplayName ?? user.DisplayName;
        Check(accessChanged ? await users.UpdateSecurityStampAsync(user) : await users.UpdateAsync(user), "update", user.Id);
        if (accessChanged)
        {
            sessions.Forget(user.Id);
        }

        displayNames?.Invalidate();
        return accessChanged ? $"was {before}" : "name updated";
    }

    /// <summary>
    /// <c>&lt;agency&gt;.&lt;preferred name&gt;</c> when there is one and it is free, else <c>&lt;agency&gt;.sso-&lt;10 hex
    /// digits of the subject's hash&gt;</c> (with <c>-2</c>, <c>-3</c>… in the unlikely case it is taken).
    /// </summary>
    private async Task<string> FreeNameAsync(SingleSignOnIdentity identity)
    {
        if (identity.PreferredName is not null && await users.FindByNameAsync($"{identity.AgencyCode}.{identity.PreferredName}") is null)
        {
            return $"{identity.AgencyCode}.{identity.PreferredName}";
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{identity.Provider}\n{identity.Subject}")))[..10];
        var name = $"{identity.AgencyCode}.sso-{hash}";
        for (var i = 2; await users.FindByNameAsync(name) is not null; i++)
        {
            name = $"{identity.AgencyCode}.sso-{hash}-{i}";
        }

        return name;
    }

    private static string? Subject(ClaimsPrincipal external) => external.FindFirst("sub")?.Value;

    private static void Check(IdentityResult result, string what, string name)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"could not {what} user {name}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
