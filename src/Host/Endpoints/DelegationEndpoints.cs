using System.Security.Claims;
using AiPlusTasks.Engine;
using AiPlusTasks.Engine.Delegations;
using AiPlusTasks.Engine.Tasks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AiPlusTasks.Host.Endpoints;

/// <summary>
/// Delegations (代理, docs/decisions/027): a user, or their agency's lead for them, names a substitute of the same agency
/// for a range of days; the substitute's inbox gets the delegator's tasks in scope and acts for them ("Y 代 X").
/// </summary>
public static class DelegationEndpoints
{
    public static IEndpointRouteBuilder MapDelegationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/delegations").WithTags("Delegations").RequireAuthorization();
        group.MapGet("/", ListDelegations).WithName(nameof(ListDelegations)).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("List delegations")
            .WithDescription("The caller's own, given and received; an agency lead's: the agency's; an NDRC administrator's: all. `user` keeps those given or received by one user. Each has its state today (China time): Upcoming, InForce, Ended, Revoked. Paged: page, pageSize (1-200). 403 for an agency system.");
        group.MapGet("/choices", GetDelegationChoices).WithName(nameof(GetDelegationChoices)).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Whom and what a new delegation may name")
            .WithDescription("For `fromUser` (default: the caller): the other active users of the delegator's agency (user names; pages show display names) and the plans a scope may name. 403 as for `POST /api/delegations`; 400 naming `fromUser` for a user not of the lead's agency.");
        group.MapPost("/", CreateDelegation).WithName(nameof(CreateDelegation)).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Name a substitute for a range of days")
            .WithDescription("`{toUser, startsOn, endsOn, fromUser?, planId?, pillar?, reason?}`; dates are China-time days, both inclusive. `fromUser` (default: the caller) is another member only for the agency's lead or an NDRC administrator (else 403). 400 naming the field: `toUser` unknown, of another agency, the delegator, or a chain (the substitute delegated their own work, or the delegator acts for someone, on an overlapping day); `endsOn` missing, before `startsOn`, in the past or more than 366 days on; `startsOn` missing, or overlapping another delegation of the delegator whose scope meets this one; `planId` or `pillar` unknown, or both. Event `delegation.created` to the agency, and an audit entry.");
        group.MapPost("/{id}/revoke", RevokeDelegation).WithName(nameof(RevokeDelegation)).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Revoke a delegation")
            .WithDescription("`{reason}` (required: 400 naming `reason`). The delegator, the substitute, the agency's lead or an NDRC administrator; 404 for a delegation the caller does not see; 409 when already revoked or ended. Event `delegation.revoked` to the agency, and an audit entry.");
        return app;
    }

    /// <summary>The delegations the caller sees, newest first.</summary>
    public static async Task<Ok<Page<DelegationView>>> ListDelegations(DelegationService delegations, ClaimsPrincipal user, [FromQuery(Name = "user")] string? person, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (number, size) = Paging.Validate(page, pageSize);
        return TypedResults.Ok(await delegations.ListAsync(CallerClaims.ToCaller(user), person, number, size, cancellationToken));
    }

    /// <summary>The possible substitutes and plans of a new delegation.</summary>
    public static async Task<Ok<DelegationChoices>> GetDelegationChoices(DelegationService delegations, ClaimsPrincipal user, string? fromUser, CancellationToken cancellationToken) =>
        TypedResults.Ok(await delegations.ChoicesAsync(CallerClaims.ToCaller(user), fromUser, cancellationToken));

    /// <summary>Makes a delegation; 201 with it.</summary>
    public static async Task<Created<DelegationView>> CreateDelegation(DelegationService delegations, ClaimsPrincipal user, DelegationRequest body, CancellationToken cancellationToken)
    {
        var made = await delegations.CreateAsync(CallerClaims.ToCaller(user), body, cancellationToken);
        return TypedResults.Created($"/api/delegations/{made.Id}", made);
    }

    /// <summary>Revokes a delegation with a reason.</summary>
    public static async Task<Ok<DelegationView>> RevokeDelegation(DelegationService delegations, ClaimsPrincipal user, string id, DelegationRevocation body, CancellationToken cancellationToken) =>
        TypedResults.Ok(await delegations.RevokeAsync(CallerClaims.ToCaller(user), id, body, cancellationToken));
}
