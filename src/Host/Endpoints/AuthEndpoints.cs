using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Host.Idempotency;
using AiPlusTasks.Host.Security;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiPlusTasks.Host.Endpoints;

/// <summary>Sign-in for staff: user name and password in, bearer token out.</summary>
public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/auth").WithTags("Authentication")
            .MapPost("/token", IssueToken).WithName(nameof(IssueToken)).AllowAnonymous().ProducesValidationProblem()
            .WithoutIdempotencyKey("the answer holds a bearer token, which is never stored; signing in twice is harmless");
        return app;
    }

    /// <summary>200 with <c>{tokenType, accessToken, expiresIn, refreshToken}</c>; 401 when the user name or password is wrong.</summary>
    public static async Task<Results<SignInHttpResult, UnauthorizedHttpResult>> IssueToken(UserStore users, TokenRequest body, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body.Username))
        {
            errors["username"] = ["username is required"];
        }

        if (string.IsNullOrEmpty(body.Password))
        {
            errors["password"] = ["password is required"];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        var caller = await users.AuthenticateAsync(body.Username!, body.Password!, cancellationToken);
        return caller is null
            ? TypedResults.Unauthorized()
            : TypedResults.SignIn(CallerClaims.ToPrincipal(caller, BearerTokenDefaults.AuthenticationScheme), authenticationScheme: BearerTokenDefaults.AuthenticationScheme);
    }

    /// <summary>The body of <c>POST /api/auth/token</c>.</summary>
    public sealed record TokenRequest(string? Username, string? Password);
}
