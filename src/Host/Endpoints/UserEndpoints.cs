using System.Security.Claims;
using AiPlusTasks.Engine;
using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Host.Idempotency;
using AiPlusTasks.Host.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiPlusTasks.Host.Endpoints;

/// <summary>
/// User administration: NDRC administrators manage every user, agency leads their own agency's staff and leads; everyone
/// else gets 403, and a lead asking for another agency's user 404. The rules are <see cref="UserAdministration"/>'s.
/// Contact details (<c>email</c>, <c>mobile</c>) come in full for the caller's own account and to NDRC administrators,
/// masked (<c>gu***@example.gov.cn</c>, <c>138****0001</c>) to agency leads.
/// Creating and resetting answer a one-time password that is never stored, so they take no <c>Idempotency-Key</c>.
/// </summary>
public static class UserEndpoints
{
    private const string OneTimePasswordNotReplayed =
        "the answer holds a one-time password, which is never stored, so it cannot be replayed: send the request without Idempotency-Key, and on a lost answer reset the password again";

    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        // A reset, a disable or a change of roles ends the user's bearer tokens on their next request on this node, not
        // when the remembered session check runs out (Security:SessionValidationInterval).
        var sessions = app.ServiceProvider.GetRequiredService<SessionValidator>();
        app.ServiceProvider.GetRequiredService<UserAdministration>().SessionsEnded += sessions.Forget;

        var group = app.MapGroup("/api/users").WithTags("Users").RequireAuthorization();
        group.MapGet("/", ListUsers).WithName(nameof(ListUsers)).ProducesValidationProblem()
            .WithSummary("List the users the caller manages")
            .WithDescription("NDRC administrators: every agency's users (or ?agency=); agency leads: the own agency's. Filters: agency, role, status (Active, PasswordChangeRequired, Disabled), q (words in the login name, display name or agency name). Paged: page, pageSize (1-200).");
        group.MapGet("/{username}", GetUser).WithName(nameof(GetUser))
            .WithSummary("Read one user")
            .WithDescription("404 for a user of another agency when the caller is an agency lead.");
        group.MapPost("/", CreateUser).WithName(nameof(CreateUser)).ProducesValidationProblem()
            .WithSummary("Create a user with a one-time password")
            .WithDescription("201 with the user and a one-time password, shown only in this answer; the user must change it at the first sign-in. Agency leads create staff and leads of the own agency only. Optional email and mobile (a mainland mobile number; spaces and dashes allowed): 400 naming the field when malformed.")
            .WithoutIdempotencyKey(OneTimePasswordNotReplayed);
        group.MapPatch("/{username}", UpdateUser).WithName(nameof(UpdateUser)).ProducesValidationProblem()
            .WithSummary("Change a user's display name, roles or contact details")
            .WithDescription("Fields left out stay as they are; an empty email or mobile removes it. A change of roles ends the user's sessions and tokens. Nobody takes away their own administrator or lead role.");
        group.MapPost("/{username}/disable", DisableUser).WithName(nameof(DisableUser))
            .WithSummary("Disable a user")
            .WithDescription("The user can no longer sign in; their sessions and tokens end. Nobody disables themselves.");
        group.MapPost("/{username}/enable", EnableUser).WithName(nameof(EnableUser))
            .WithSummary("Enable a disabled user");
        group.MapPost("/{username}/reset-password", ResetUserPassword).WithName(nameof(ResetUserPassword))
            .WithSummary("Reset a user's password to a one-time password")
            .WithDescription("200 with the user and a one-time password, shown only in this answer; the old password stops working, sessions and tokens end, and the user must change the password at the next sign-in.")
            .WithoutIdempotencyKey(OneTimePasswordNotReplayed);
        return app;
    }

    /// <summary>One page of users the caller manages, ordered by agency and login name.</summary>
    public static async Task<Ok<Page<UserView>>> ListUsers(
        UserAdministration users, ClaimsPrincipal user, string? agency, string? role, string? status, string? q, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (number, size) = Paging.Validate(page, pageSize);
        UserStatus? wanted = null;
        if (status is not null)
        {
            wanted = Enum.TryParse<UserStatus>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(status, out _)
                ? parsed
                : throw RequestValidationException.For("status", $"status must be one of {string.Join(", ", Enum.GetNames<UserStatus>())}");
        }

        var query = new UserQuery(agency, role, wanted, q, number, size);
        return TypedResults.Ok(await users.ListAsync(CallerClaims.ToCaller(user), query, cancellationToken));
    }

    /// <summary>The user; 404 when there is none or (for a lead) it is another agency's.</summary>
    public static async Task<Ok<UserView>> GetUser(UserAdministration users, ClaimsPrincipal user, string username, CancellationToken cancellationToken) =>
        TypedResults.Ok(await users.GetAsync(CallerClaims.ToCaller(user), username, cancellationToken));

    /// <summary>201 with the new user (<c>user</c>) and the one-time password (<c>oneTimePassword</c>, shown this once).</summary>
    public static async Task<Created<IssuedPassword>> CreateUser(UserAdministration users, ClaimsPrincipal user, CreateUserBody body, CancellationToken cancellationToken)
    {
        var issued = await users.CreateAsync(CallerClaims.ToCaller(user), new NewUser(body.Username, body.DisplayName, body.Agency, body.Roles, body.Email, body.Mobile), cancellationToken);
        return TypedResults.Created($"/api/users/{issued.User.Username}", issued);
    }

    /// <summary>200 with the changed user.</summary>
    public static async Task<Ok<UserView>> UpdateUser(UserAdministration users, ClaimsPrincipal user, string username, UpdateUserBody body, CancellationToken cancellationToken) =>
        TypedResults.Ok(await users.UpdateAsync(CallerClaims.ToCaller(user), username, new UserChange(body.DisplayName, body.Roles, body.Email, body.Mobile), cancellationToken));

    /// <summary>200 with the disabled user.</summary>
    public static async Task<Ok<UserView>> DisableUser(UserAdministration users, ClaimsPrincipal user, string username, CancellationToken cancellationToken) =>
        TypedResults.Ok(await users.DisableAsync(CallerClaims.ToCaller(user), username, cancellationToken));

    /// <summary>200 with the enabled user.</summary>
    public static async Task<Ok<UserView>> EnableUser(UserAdministration users, ClaimsPrincipal user, string username, CancellationToken cancellationToken) =>
        TypedResults.Ok(await users.EnableAsync(CallerClaims.ToCaller(user), username, cancellationToken));

    /// <summary>200 with the user (<c>user</c>) and the new one-time password (<c>oneTimePassword</c>, shown this once).</summary>
    public static async Task<Ok<IssuedPassword>> ResetUserPassword(UserAdministration users, ClaimsPrincipal user, string username, CancellationToken cancellationToken) =>
        TypedResults.Ok(await users.ResetPasswordAsync(CallerClaims.ToCaller(user), username, cancellationToken));

    /// <summary>The body of <c>POST /api/users</c>.</summary>
    /// <param name="Username">The login name: lower-case letters, digits, <c>.</c>, <c>_</c> or <c>-</c>, 3–64 characters.</param>
    /// <param name="DisplayName">The person's name, 1–64 characters.</param>
    /// <param name="Agency">The user's agency code; default: the caller's.</param>
    /// <param name="Roles">At least one role the caller may grant.</param>
    /// <param name="Email">The user's e-mail address; optional.</param>
    /// <param name="Mobile">The user's mainland mobile number, e.g. <c>138 0000 0001</c>; optional.</param>
    public sealed record CreateUserBody(string? Username, string? DisplayName, string? Agency, IReadOnlyList<string>? Roles, string? Email = null, string? Mobile = null);

    /// <summary>The body of <c>PATCH /api/users/{username}</c>: fields left out (or null) stay as they are.</summary>
    /// <param name="DisplayName">The new display name, 1–64 characters.</param>
    /// <param name="Roles">The new roles, replacing the old: at least one.</param>
    /// <param name="Email">The new e-mail address; empty removes it.</param>
    /// <param name="Mobile">The new mainland mobile number; empty removes it.</param>
    public sealed record UpdateUserBody(string? DisplayName, IReadOnlyList<string>? Roles, string? Email = null, string? Mobile = null);
}
