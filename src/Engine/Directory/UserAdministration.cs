using System.Text.RegularExpressions;
using AiPlusTasks.Engine.Audit;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlusTasks.Engine.Directory;

/// <summary>
/// User administration: list, show, create, edit (display name, roles), disable, enable and reset users, for pages
/// and endpoints alike (docs/decisions/014).
/// </summary>
/// <remarks>
/// <para>Who manages whom:</para>
/// <list type="bullet">
/// <item>An NDRC administrator (<see cref="Roles.NdrcAdministrator"/> of the NDRC) manages every user and grants every
/// role; NDRC roles (<see cref="Roles.NdrcOnly"/>) only to users of the NDRC.</item>
/// <item>An agency lead manages the own agency's users who hold only agency roles (<see cref="Roles.Agency"/>), and
/// grants only those. Another agency's user is not found (404: the lead learns nothing of it); a user of the own agency
/// holding another role (an auditor, an NDRC planner) is refused (403).</item>
/// <item>Nobody else manages users (403). Nobody disables or resets themselves, nor takes away their own
/// administrator or lead role (403): they would lock themselves out, or skip the password check of a password change.</item>
/// </list>
/// <para>
/// Creating and resetting issue a random one-time password (<see cref="IssuedPassword"/>), returned once and stored only as
/// ASP.NET Core Identity's salted hash; the user must change it at the next sign-in. Resetting, disabling and changing
/// roles renew the user's security stamp, which ends the user's sessions and tokens. Every change and every refused
/// change is recorded in the <see cref="AuditTrail"/>: the caller, the user, the roles before and after, the outcome.
/// </para>
/// <para>
/// Contact details (e-mail, mobile; <see cref="ContactDetails"/>): administrators and leads set them for the users they
/// manage, and everyone sets their own (<see cref="UpdateContactAsync"/>). Views show them in full to the user and to NDRC
/// administrators, masked to anyone else. The audit trail records only that they changed, never the values.
/// </para>
/// </remarks>
public sealed partial class UserAdministration(
    IServiceScopeFactory scopes,
    IDbContextFactory<WorkflowDbContext> dbFactory,
    AuditTrail audit,
    TimeProvider time,
    DisplayNames? displayNames = null,
    AgencyDirectory? agencies = null)
{
    /// <summary>Largest page of the user list.</summary>
    public const int MaxPageSize = 200;

    /// <summary>Shortest login name.</summary>
    public const int MinUsernameLength = 3;

    /// <summary>Longest login name.</summary>
    public const int MaxUsernameLength = 64;

    /// <summary>Longest display name.</summary>
    public const int MaxDisplayNameLength = 64;

    /// <summary>The audit action of creating a user.</summary>
    public const string CreateAction = "user.create";

    /// <summary>The audit action of changing a user's display name or roles.</summary>
    public const string UpdateAction = "user.update";

    /// <summary>The audit action of disabling a user.</summary>
    public const string DisableAction = "user.disable";

    /// <summary>The audit action of enabling a user.</summary>
    public const string EnableAction = "user.enable";

    /// <summary>The audit action of resetting a user's password.</summary>
    public const string ResetPasswordAction = "user.reset-password";

    /// <summary>The audit action of users changing their own contact details.</summary>
    public const string ContactAction = "user.contact";

    /// <summary>Names that stand for the engine in histories (<c>system</c>), never for a person.</summary>
    private static readonly HashSet<string> ReservedUsernames = new(StringComparer.Ordinal) { "system" };

    /// <summary>
    /// Raised with the user's login name after a change that renewed the user's security stamp (a reset, a disable, a
    /// change of roles), once it is saved. Sessions are checked against the stamp at the Host's own interval; a Host that
    /// remembers recent checks can forget this user's at once, so the change takes effect on the next request.
    /// </summary>
    public event Action<string>? SessionsEnded;

    /// <summary>May open user administration: an NDRC administrator or an agency lead.</summary>
    public static bool Manages(Caller caller) => caller.IsAdministrator || caller.IsLead;

    /// <summary>The roles the caller may grant, in <see cref="Roles.All"/> order; empty for those who manage no users.</summary>
    public static IReadOnlyList<string> GrantableRoles(Caller caller) =>
        caller.IsAdministrator ? Roles.All : caller.IsLead ? Roles.Agency : [];

    /// <summary>
    /// Whether the caller sees the user's e-mail address and mobile number in full: the user themselves and NDRC
    /// administrators do; anyone else sees them masked (<see cref="ContactDetails"/>).
    /// </summary>
    public static bool SeesContactInFull(Caller caller, string username) => caller.IsAdministrator || caller.Name == username;

    /// <summary>True for a well-formed login name: lower-case letters, digits, <c>.</c>, <c>_</c> or <c>-</c>, 3–64 characters, not reserved.</summary>
    public static bool IsValidUsername(string? username) =>
        username is not null && UsernamePattern().IsMatch(username) && !ReservedUsernames.Contains(username);

    /// <summary>
    /// One page of users, ordered by agency and login name: an NDRC administrator's of every agency (or of
    /// <see cref="UserQuery.Agency"/>), a lead's of the own agency only (another agency gives an empty page).
    /// </summary>
    /// <exception cref="ForbiddenException">The caller manages no users.</exception>
    /// <exception cref="RequestValidationException">The role is unknown, or the page is out of range.</exception>
    public async Task<Page<UserView>> ListAsync(Caller caller, UserQuery query, CancellationToken cancellationToken = default)
    {
        RequireManager(caller);
        var errors = new Dictionary<string, string[]>();
        if (query.Role is { } role && !Roles.All.Contains(role))
        {
            errors["role"] = [$"role must be one of {string.Join(", ", Roles.All)}"];
        }

        if (query.Page < 1)
        {
            errors["page"] = ["page must be 1 or more"];
        }

        if (query.PageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"pageSize must be between 1 and {MaxPageSize}"];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var users = db.Users.AsNoTracking();
        if (!caller.IsAdministrator)
        {
            users = users.Where(u => u.AgencyCode == caller.AgencyCode);
        }

        if (!string.IsNullOrWhiteSpace(query.Agency))
        {
            var agency = query.Agency.Trim();
            users = users.Where(u => u.AgencyCode == agency);
        }

        if (query.Role is { } wanted)
        {
            users = users.Where(u => u.Roles == wanted || u.Roles.StartsWith(wanted + ",") || u.Roles.EndsWith("," + wanted) || u.Roles.Contains("," + wanted + ","));
        }

        users = query.Status switch
        {
            UserStatus.Disabled => users.Where(u => u.DisabledAt != null),
            UserStatus.PasswordChangeRequired => users.Where(u => u.DisabledAt == null && u.MustChangePassword),
            UserStatus.Active => users.Where(u => u.DisabledAt == null && !u.MustChangePassword),
            _ => users,
        };

        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var text = query.Text.Trim();
            var lower = text.ToLowerInvariant();
            var agencyCodes = displayNames?.AgenciesNamed(text) ?? [];
            users = users.Where(u => u.Id.Contains(lower) || (u.DisplayName != null && u.DisplayName.Contains(text)) || agencyCodes.Contains(u.AgencyCode));
        }

        var total = await users.CountAsync(cancellationToken);
        var rows = await users.OrderBy(u => u.AgencyCode).ThenBy(u => u.Id)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToListAsync(cancellationToken);
        return new Page<UserView>([.. rows.Select(u => ToView(u, caller))], total, query.Page, query.PageSize);
    }

    /// <summary>One user.</summary>
    /// <exception cref="ForbiddenException">The caller manages no users.</exception>
    /// <exception cref="NotFoundException">No such user, or (for a lead) another agency's.</exception>
    public async Task<UserView> GetAsync(Caller caller, string username, CancellationToken cancellationToken = default)
    {
        RequireManager(caller);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == username, cancellationToken);
        return ToView(Visible(caller, user, username), caller);
    }

    /// <summary>
    /// Creates a user with a one-time password, returned this once; the user must change it at the first sign-in.
    /// </summary>
    /// <exception cref="ForbiddenException">
    /// The caller manages no users; or a lead asked for another agency or for a role other than agency lead or staff.
    /// </exception>
    /// <exception cref="RequestValidationException">
    /// A field is missing or malformed, the login name is taken or reserved, the agency or a role is unknown, or an NDRC
    /// role was asked for a user outside the NDRC. Every offending field is named.
    /// </exception>
    public Task<IssuedPassword> CreateAsync(Caller caller, NewUser input, CancellationToken cancellationToken = default) =>
        AuditedAsync(caller, CreateAction, input.Username, async () =>
        {
            RequireManager(caller);
            var errors = new Dictionary<string, string[]>();
            var username = input.Username?.Trim();
            if (string.IsNullOrEmpty(username))
            {
                errors["username"] = ["username is required"];
            }
            else if (!IsValidUsername(username))
            {
                errors["username"] = [ReservedUsernames.Contains(username)
                    ? $"username '{username}' is reserved"
                    : $"username must be {MinUsernameLength} to {MaxUsernameLength} lower-case letters, digits, '.', '_' or '-'"];
            }

            var displayName = CheckDisplayName(input.DisplayName, required: true, errors);
            var agency = string.IsNullOrWhiteSpace(input.Agency) ? caller.AgencyCode : input.Agency.Trim();
            if (agencies is not null && agencies.Find(agency) is null)
            {
                errors["agency"] = [$"unknown agency '{agency}'"];
            }

            var roles = CheckRoles(input.Roles, required: true, errors)!;
            var email = CheckEmail(input.Email, errors);
            var mobile = CheckMobile(input.Mobile, errors);
            ThrowIfAny(errors);

            if (!caller.IsAdministrator && agency != caller.AgencyCode)
            {
                throw new ForbiddenException("an agency lead creates users of the own agency only");
            }

            RequireGrantable(caller, roles);
            CheckNdrcRoles(agency, roles);

            await using var scope = scopes.CreateAsyncScope();
            var manager = scope.ServiceProvider.GetRequiredService<UserManager<UserRecord>>();
            if (await manager.FindByIdAsync(username!) is not null)
            {
                throw TakenUsername(username!);
            }

            var user = UserStore.NewUser(username!, agency, roles, displayName, time.GetUtcNow());
            user.MustChangePassword = true;
            var contact = SetContact(user, email, mobile);
            var password = OneTimePasswords.Create();
            IdentityResult result;
            try
            {
                result = await manager.CreateAsync(user, password);
            }
            catch (DbUpdateException)
            {
                // Another request created the same login name between the check and the insert.
                throw TakenUsername(username!);
            }

            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName)))
            {
                throw TakenUsername(username!);
            }

            Require(result, username!);
            displayNames?.Invalidate();
            return (new IssuedPassword(ToView(user, caller), password), $"roles: (none) -> {user.Roles}; agency: {agency}{contact}");
        }, cancellationToken);

    /// <summary>
    /// Changes a user's display name, roles and contact details (a null field stays; a blank e-mail or mobile removes
    /// it). A change of roles renews the security stamp: the user's sessions and tokens end, and the next sign-in carries
    /// the new roles.
    /// </summary>
    /// <exception cref="ForbiddenException">
    /// The caller manages no users, or not this user (a lead and a user holding more than agency roles), or grants a role
    /// they may not, or would take away their own administrator or lead role.
    /// </exception>
    /// <exception cref="NotFoundException">No such user, or (for a lead) another agency's.</exception>
    /// <exception cref="RequestValidationException">
    /// The display name, e-mail address, mobile number or a role is malformed or unknown, or an NDRC role was given outside
    /// the NDRC (fields <c>displayName</c>, <c>email</c>, <c>mobile</c>, <c>roles</c>).
    /// </exception>
    /// <exception cref="ConflictException">The user was changed meanwhile; read it again.</exception>
    public Task<UserView> UpdateAsync(Caller caller, string username, UserChange change, CancellationToken cancellationToken = default) =>
        AuditedAsync(caller, UpdateAction, username, async () =>
        {
            RequireManager(caller);
            var errors = new Dictionary<string, string[]>();
            var displayName = CheckDisplayName(change.DisplayName, required: false, errors);
            var roles = CheckRoles(change.Roles, required: false, errors);
            var email = change.Email is null ? null : CheckEmail(change.Email, errors);
            var mobile = change.Mobile is null ? null : CheckMobile(change.Mobile, errors);
            ThrowIfAny(errors);

            await using var scope = scopes.CreateAsyncScope();
            var manager = scope.ServiceProvider.GetRequiredService<UserManager<UserRecord>>();
            var user = Visible(caller, await manager.FindByIdAsync(username), username);
            RequireManageable(caller, user);
            var before = user.Roles;
            if (roles is not null)
            {
                RequireGrantable(caller, roles);
                CheckNdrcRoles(user.AgencyCode, roles);
                RequireKeepsOwnRole(caller, user, roles);
                user.Roles = Roles.Store(roles);
            }

            if (displayName is not null)
            {
                user.DisplayName = displayName;
            }

            var contactChanged = SetContact(user, email, mobile);
            var rolesChanged = user.Roles != before;
            Require(rolesChanged ? await manager.UpdateSecurityStampAsync(user) : await manager.UpdateAsync(user), username);
            displayNames?.Invalidate();
            if (rolesChanged)
            {
                SessionsEnded?.Invoke(user.Id);
            }

            return (ToView(user, caller), $"roles: {before} -> {user.Roles}" + (displayName is null ? "" : "; display name changed") + contactChanged);
        }, cancellationToken);

    /// <summary>
    /// Disables a user: from now on the user cannot sign in, and the renewed security stamp ends every session and token
    /// of theirs. Disabling a disabled user changes nothing but the stamp.
    /// </summary>
    /// <exception cref="ForbiddenException">The caller manages no users, or not this user, or is this user.</exception>
    /// <exception cref="NotFoundException">No such user, or (for a lead) another agency's.</exception>
    /// <exception cref="ConflictException">The user was changed meanwhile; try again.</exception>
    public Task<UserView> DisableAsync(Caller caller, string username, CancellationToken cancellationToken = default) =>
        ChangeAsync(caller, DisableAction, username, selfAllowed: false, endsSessions: true, (manager, user) =>
        {
            user.DisabledAt ??= time.GetUtcNow();
            return manager.UpdateSecurityStampAsync(user);
        }, cancellationToken);

    /// <summary>Enables a disabled user again (with the password they had). Enabling an enabled user changes nothing.</summary>
    /// <exception cref="ForbiddenException">The caller manages no users, or not this user.</exception>
    /// <exception cref="NotFoundException">No such user, or (for a lead) another agency's.</exception>
    /// <exception cref="ConflictException">The user was changed meanwhile; try again.</exception>
    public Task<UserView> EnableAsync(Caller caller, string username, CancellationToken cancellationToken = default) =>
        ChangeAsync(caller, EnableAction, username, selfAllowed: true, endsSessions: false, (manager, user) =>
        {
            user.DisabledAt = null;
            return manager.UpdateAsync(user);
        }, cancellationToken);

    /// <summary>
    /// Gives a user a new one-time password, returned this once: the old password stops working, the user must choose a
    /// new one at the next sign-in, a lockout after failed attempts is lifted, and the renewed security stamp ends the
    /// user's sessions and tokens. A disabled user stays disabled.
    /// </summary>
    /// <exception cref="ForbiddenException">The caller manages no users, or not this user, or is this user (who changes their own password instead).</exception>
    /// <exception cref="NotFoundException">No such user, or (for a lead) another agency's.</exception>
    /// <exception cref="ConflictException">The user was changed meanwhile; try again.</exception>
    public async Task<IssuedPassword> ResetPasswordAsync(Caller caller, string username, CancellationToken cancellationToken = default)
    {
        var password = OneTimePasswords.Create();
        var user = await ChangeAsync(caller, ResetPasswordAction, username, selfAllowed: false, endsSessions: true, async (manager, user) =>
        {
            foreach (var validator in manager.PasswordValidators)
            {
                var check = await validator.ValidateAsync(manager, user, password);
                if (!check.Succeeded)
                {
                    throw new InvalidOperationException(
                        $"the password policy refuses one-time passwords: {string.Join("; ", check.Errors.Select(e => e.Description))}");
                }
            }

            user.PasswordHash = manager.PasswordHasher.HashPassword(user, password);
            user.MustChangePassword = true;
            user.AccessFailedCount = 0;
            user.LockoutEnd = null;
            return await manager.UpdateSecurityStampAsync(user);
        }, cancellationToken);
        return new IssuedPassword(user, password);
    }

    /// <summary>The caller's own contact details, in full.</summary>
    /// <exception cref="ForbiddenException">The caller is an agency system, not a person.</exception>
    /// <exception cref="NotFoundException">The caller has no user account (signed in with a key or token of a removed user).</exception>
    public async Task<UserContact> GetContactAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        RequirePerson(caller);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == caller.Name, cancellationToken)
            ?? throw new NotFoundException($"user '{caller.Name}' does not exist");
        return new UserContact(user.Email, user.PhoneNumber);
    }

    /// <summary>
    /// Replaces the caller's own e-mail address and mobile number (null or blank removes one), for the preferences page
    /// and <c>PUT /api/account/contact</c>; answers them as stored. The audit trail records which changed, not the values.
    /// </summary>
    /// <exception cref="ForbiddenException">The caller is an agency system, not a person.</exception>
    /// <exception cref="NotFoundException">The caller has no user account.</exception>
    /// <exception cref="RequestValidationException">The e-mail address (<c>email</c>) or the mobile number (<c>mobile</c>) is malformed.</exception>
    /// <exception cref="ConflictException">The user was changed meanwhile; read it again.</exception>
    public Task<UserContact> UpdateContactAsync(Caller caller, string? email, string? mobile, CancellationToken cancellationToken = default) =>
        AuditedAsync(caller, ContactAction, caller.Name, async () =>
        {
            RequirePerson(caller);
            var errors = new Dictionary<string, string[]>();
            var newEmail = CheckEmail(email, errors);
            var newMobile = CheckMobile(mobile, errors);
            ThrowIfAny(errors);

            await using var scope = scopes.CreateAsyncScope();
            var manager = scope.ServiceProvider.GetRequiredService<UserManager<UserRecord>>();
            var user = await manager.FindByIdAsync(caller.Name) ?? throw new NotFoundException($"user '{caller.Name}' does not exist");
            var changed = SetContact(user, newEmail, newMobile);
            if (changed.Length > 0)
            {
                Require(await manager.UpdateAsync(user), caller.Name);
            }

            return (new UserContact(user.Email, user.PhoneNumber), changed.Length > 0 ? changed.TrimStart(';', ' ') : "contact unchanged");
        }, cancellationToken);

    /// <summary>A change of one user that only needs the user: find, check, apply, save, audit.</summary>
    private Task<UserView> ChangeAsync(
        Caller caller,
        string action,
        string username,
        bool selfAllowed,
        bool endsSessions,
        Func<UserManager<UserRecord>, UserRecord, Task<IdentityResult>> apply,
        CancellationToken cancellationToken) =>
        AuditedAsync(caller, action, username, async () =>
        {
            RequireManager(caller);
            await using var scope = scopes.CreateAsyncScope();
            var manager = scope.ServiceProvider.GetRequiredService<UserManager<UserRecord>>();
            var user = Visible(caller, await manager.FindByIdAsync(username), username);
            RequireManageable(caller, user);
            if (!selfAllowed && user.Id == caller.Name)
            {
                throw new ForbiddenException(action == ResetPasswordAction
                    ? "nobody resets their own password here: change it with the current one"
                    : "nobody disables themselves");
            }

            Require(await apply(manager, user), username);
            displayNames?.Invalidate();
            if (endsSessions)
            {
                SessionsEnded?.Invoke(user.Id);
            }

            return (ToView(user, caller), $"roles: {user.Roles}");
        }, cancellationToken);

    /// <summary>Runs a change and records it in the audit trail, whether it succeeded or was refused.</summary>
    private async Task<T> AuditedAsync<T>(Caller caller, string action, string? target, Func<Task<(T Result, string Detail)>> run, CancellationToken cancellationToken)
    {
        (T Result, string Detail) done;
        try
        {
            done = await run();
        }
        catch (Exception e) when (e is ForbiddenException or NotFoundException or RequestValidationException or ConflictException)
        {
            // Refused by a rule (403, 404) or failed on the request (400, 409); the detail says which and why.
            var (outcome, detail) = e switch
            {
                ForbiddenException => (AuditOutcomes.Refused, "forbidden: " + e.Message),
                NotFoundException => (AuditOutcomes.Refused, "not found: " + e.Message),
                RequestValidationException invalid => (AuditOutcomes.Failed, "invalid: " + string.Join(", ", invalid.Errors.Keys)),
                _ => (AuditOutcomes.Failed, "conflict: " + e.Message),
            };
            await RecordAsync(caller, action, target, outcome, detail, CancellationToken.None);
            throw;
        }

        await RecordAsync(caller, action, target, AuditOutcomes.Succeeded, done.Detail, CancellationToken.None);
        return done.Result;
    }

    private Task RecordAsync(Caller caller, string action, string? target, string outcome, string detail, CancellationToken cancellationToken)
    {
        // A refused request may name anything: keep the audit row to a readable length.
        var shown = target is null ? "" : target.Length > MaxUsernameLength * 2 ? target[..(MaxUsernameLength * 2)] + "…" : target;
        return audit.RecordAsync(caller, action, shown, detail, outcome: outcome, cancellationToken: cancellationToken);
    }

    private static void RequirePerson(Caller caller)
    {
        if (caller.IsSystem)
        {
            throw new ForbiddenException("an agency system has no contact details; people set their own");
        }
    }

    private static void RequireManager(Caller caller)
    {
        if (!Manages(caller))
        {
            throw new ForbiddenException("only NDRC administrators and agency leads manage users");
        }
    }

    /// <summary>The user if the caller may see them; another agency's user is not found for a lead.</summary>
    private static UserRecord Visible(Caller caller, UserRecord? user, string username) =>
        user is not null && (caller.IsAdministrator || user.AgencyCode == caller.AgencyCode)
            ? user
            : throw new NotFoundException($"user '{username}' does not exist");

    /// <summary>A lead manages users holding only agency roles; an administrator manages everyone.</summary>
    private static void RequireManageable(Caller caller, UserRecord user)
    {
        if (!caller.IsAdministrator && Roles.Parse(user.Roles).Any(r => !Roles.Agency.Contains(r)))
        {
            throw new ForbiddenException($"user '{user.Id}' holds roles an agency lead does not manage; an NDRC administrator manages them");
        }
    }

    private static void RequireGrantable(Caller caller, IReadOnlyList<string> roles)
    {
        var grantable = GrantableRoles(caller);
        var refused = roles.Where(r => !grantable.Contains(r)).ToList();
        if (refused.Count > 0)
        {
            throw new ForbiddenException($"an agency lead grants only {string.Join(" and ", Roles.Agency)}, not {string.Join(", ", refused)}");
        }
    }

    /// <summary>Nobody takes away the role that lets them manage users (they would lock themselves out).</summary>
    private static void RequireKeepsOwnRole(Caller caller, UserRecord user, IReadOnlyList<string> roles)
    {
        if (user.Id != caller.Name)
        {
            return;
        }

        var own = caller.IsAdministrator ? Roles.NdrcAdministrator : Roles.AgencyLead;
        if (!roles.Contains(own))
        {
            throw new ForbiddenException($"nobody takes away their own {own} role; another administrator or lead may");
        }
    }

    private static void CheckNdrcRoles(string agency, IReadOnlyList<string> roles)
    {
        var misplaced = roles.Where(Roles.NdrcOnly.Contains).ToList();
        if (agency != AgencyDirectory.CoordinatorCode && misplaced.Count > 0)
        {
            throw RequestValidationException.For("roles", $"{string.Join(", ", misplaced)} only for users of the NDRC ({AgencyDirectory.CoordinatorCode})");
        }
    }

    /// <summary>The trimmed display name; null when not given (and not required). Records a problem in <paramref name="errors"/>.</summary>
    private static string? CheckDisplayName(string? value, bool required, Dictionary<string, string[]> errors)
    {
        if (value is null && !required)
        {
            return null;
        }

        var name = value?.Trim() ?? "";
        if (name.Length == 0 || name.Length > MaxDisplayNameLength || name.Any(char.IsControl))
        {
            errors["displayName"] = [$"displayName must be 1 to {MaxDisplayNameLength} characters without line breaks or control characters"];
            return null;
        }

        return name;
    }

    /// <summary>The roles in <see cref="Roles.All"/> order without repeats; null when not given (and not required).</summary>
    private static List<string>? CheckRoles(IReadOnlyList<string>? roles, bool required, Dictionary<string, string[]> errors)
    {
        if (roles is null && !required)
        {
            return null;
        }

        if (roles is null || roles.Count == 0)
        {
            errors["roles"] = ["give at least one role"];
            return null;
        }

        var unknown = roles.Where(r => !Roles.All.Contains(r)).ToList();
        if (unknown.Count > 0)
        {
            errors["roles"] = [$"unknown role(s) {string.Join(", ", unknown)}; roles are {string.Join(", ", Roles.All)}"];
            return null;
        }

        return [.. Roles.All.Where(roles.Contains)];
    }

    /// <summary>The normalised address, "" for blank (remove), null when malformed (recorded in <paramref name="errors"/>).</summary>
    private static string? CheckEmail(string? value, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "";
        }

        var email = ContactDetails.NormalizeEmail(value);
        if (email is null)
        {
            errors["email"] = [$"email must be one e-mail address such as name@example.gov.cn, at most {ContactDetails.MaxEmailLength} characters"];
        }

        return email;
    }

    /// <summary>The normalised number, "" for blank (remove), null when malformed (recorded in <paramref name="errors"/>).</summary>
    private static string? CheckMobile(string? value, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "";
        }

        var mobile = ContactDetails.NormalizeMobile(value);
        if (mobile is null)
        {
            errors["mobile"] = ["mobile must be a mainland mobile number: 11 digits starting 13 to 19 (spaces and dashes allowed)"];
        }

        return mobile;
    }

    /// <summary>
    /// Sets the checked contact details (null: stays; "": removed) and says for the audit trail which changed, without
    /// the values: "" when neither did.
    /// </summary>
    private static string SetContact(UserRecord user, string? email, string? mobile)
    {
        var changed = "";
        if (email is not null && (email.Length == 0 ? null : email) != user.Email)
        {
            user.Email = email.Length == 0 ? null : email;
            changed += user.Email is null ? "; e-mail removed" : "; e-mail changed";
        }

        if (mobile is not null && (mobile.Length == 0 ? null : mobile) != user.PhoneNumber)
        {
            user.PhoneNumber = mobile.Length == 0 ? null : mobile;
            changed += user.PhoneNumber is null ? "; mobile removed" : "; mobile changed";
        }

        return changed;
    }

    private static void ThrowIfAny(Dictionary<string, string[]> errors)
    {
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }
    }

    private static RequestValidationException TakenUsername(string username) =>
        RequestValidationException.For("username", $"username '{username}' is taken");

    private static void Require(IdentityResult result, string username)
    {
        if (result.Succeeded)
        {
            return;
        }

        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
        {
            throw new ConflictException($"user '{username}' was changed meanwhile; read it again and retry");
        }

        throw new InvalidOperationException($"saving user '{username}' failed: {string.Join("; ", result.Errors.Select(e => $"{e.Code}: {e.Description}"))}");
    }

    /// <summary>The user as the caller may see it: contact details in full for the user and NDRC administrators, masked otherwise.</summary>
    private static UserView ToView(UserRecord user, Caller caller)
    {
        var full = SeesContactInFull(caller, user.Id);
        var roles = Roles.Parse(user.Roles);
        var status = user.DisabledAt is not null ? UserStatus.Disabled
            : user.MustChangePassword ? UserStatus.PasswordChangeRequired
            : UserStatus.Active;
        return new UserView(
            user.Id, user.DisplayName, user.AgencyCode, [.. Roles.All.Where(roles.Contains).Concat(roles.Except(Roles.All))], status, user.CreatedAt, user.DisabledAt,
            full ? user.Email : ContactDetails.MaskEmail(user.Email),
            full ? user.PhoneNumber : ContactDetails.MaskMobile(user.PhoneNumber));
    }

    [GeneratedRegex("^[a-z0-9._-]{3,64}$")]
    private static partial Regex UsernamePattern();
}
