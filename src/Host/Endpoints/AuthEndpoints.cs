using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Host.Contract;
using AiPlusTasks.Host.Idempotency;
using AiPlusTasks.Host.Security;
using AiPlusTasks.Web.Account;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Host.Endpoints;

/// <summary>
/// Sign-in for staff through the API: user name, password (and the authenticator code of a two-factor user) in, a
/// short-lived bearer token and a refresh token out; refresh; sign-out. Every route here goes through the one
/// <see cref="SignInService"/> and the sign-in rate limits.
/// </summary>
public static class AuthEndpoints
{
    /// <summary>The <c>code</c> of a 401 that asks for the second factor.</summary>
    public const string TwoFactorRequiredCode = "two_factor_required";

    /// <summary>The <c>code</c> of a 403 for a user who must first set a new password (<c>POST /api/account/password</c>).</summary>
    public const string PasswordChangeRequiredCode = "password_change_required";

    /// <summary>The <c>code</c> of a 403 for a user who must first enrol an authenticator app (in the web UI, at sign-in).</summary>
    public const string TwoFactorEnrolmentRequiredCode = "two_factor_enrolment_required";

    private const string NoReplay = "the answer holds tokens, which are never stored";

    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Authentication");
        group.MapPost("/token", IssueToken).WithName(nameof(IssueToken)).WithSummary("Sign in: a user name and password for a bearer token").AllowAnonymous()
            .Produces<AccessTokenResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireRateLimiting(SignInRateLimiting.Policy).WithoutIdempotencyKey(NoReplay);
        group.MapPost("/refresh", RefreshToken).WithName(nameof(RefreshToken)).WithSummary("Renew an access token with a refresh token").AllowAnonymous()
            .Produces<AccessTokenResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireRateLimiting(SignInRateLimiting.Policy).WithoutIdempotencyKey(NoReplay);
        group.MapPost("/signout", SignOutEverywhere).WithName(nameof(SignOutEverywhere)).WithSummary("Sign out everywhere: end every session and token of the caller's user").RequireAuthorization().OpenToAgencySystems()
            .WithoutIdempotencyKey("signing out twice is harmless; nothing to replay");
        return app;
    }

    /// <summary>
    /// 200 with <c>{tokenType, accessToken, expiresIn, refreshToken}</c> (the access token lasts
    /// <c>Security:AccessTokenLifetime</c>, 15 minutes by default). A two-factor user sends the authenticator app's code
    /// as <c>otp</c> (or a recovery code as <c>recoveryCode</c>) in the same request; without it the answer is a 401 with
    /// <c>code: two_factor_required</c> (only after a right password). 401 when the user name, password or code is
    /// wrong, or the user is unknown, locked out or disabled (one answer for all); 403 with <c>code</c>
    /// <c>password_change_required</c> or <c>two_factor_enrolment_required</c>; 429 with Retry-After when rate limited.
    /// </summary>
    public static async Task<IResult> IssueToken(SignInService signIn, HttpContext context, TokenRequest body, CancellationToken cancellationToken)
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

        var address = context.Connection.RemoteIpAddress?.ToString();
        var attempt = await signIn.CheckPasswordAsync(body.Username!, body.Password!, SignInChannel.Api, address, cancellationToken);
        if (attempt is { Outcome: SignInOutcome.Succeeded, NextStep: PendingSignIn.TwoFactorCode })
        {
            var code = string.IsNullOrWhiteSpace(body.Otp) ? body.RecoveryCode : body.Otp;
            if (string.IsNullOrWhiteSpace(code))
            {
                return TwoFactorRequired();
            }

            attempt = await signIn.CheckSecondFactorAsync(attempt.User!, code, SignInChannel.Api, address, cancellationToken);
        }

        return attempt switch
        {
            { Outcome: SignInOutcome.Throttled } => await ThrottledAsync(context, attempt.RetryAfter),
            { Outcome: not SignInOutcome.Succeeded } => WrongCredentials(),
            { NextStep: PendingSignIn.ChangePassword } => Forbidden(
                PasswordChangeRequiredCode, "Password change required", "This account has a one-time password: set a new one with POST /api/account/password first."),
            { NextStep: PendingSignIn.EnrolTwoFactor } => Forbidden(
                TwoFactorEnrolmentRequiredCode, "Two-factor enrolment required", "Your role signs in with an authenticator app: sign in to the web UI once to enrol it."),
            _ => TypedResults.SignIn(
                await signIn.CompleteAsync(attempt.User!, SignInChannel.Api, address, cancellationToken),
                authenticationScheme: BearerTokenDefaults.AuthenticationScheme),
        };
    }

    /// <summary>
    /// Exchanges a refresh token for new tokens (as <c>/api/auth/token</c> answers) while the session it belongs to is
    /// current: 401 once the user signed out, changed or had reset the password, or was disabled or locked out, and once
    /// the refresh token expired (<c>Security:RefreshTokenLifetime</c>, 8 hours by default).
    /// </summary>
    public static async Task<IResult> RefreshToken(
        SignInService signIn, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider time, HttpContext context, RefreshRequest body, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body.RefreshToken))
        {
            throw new RequestValidationException(new Dictionary<string, string[]> { ["refreshToken"] = ["refreshToken is required"] });
        }

        var ticket = bearer.Get(BearerTokenDefaults.AuthenticationScheme).RefreshTokenProtector.Unprotect(body.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || time.GetUtcNow() >= expires)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: "The refresh token is unknown or expired.");
        }

        var principal = await signIn.RefreshAsync(ticket.Principal, context.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        return principal is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: "The session of this refresh token has ended; sign in again.")
            : TypedResults.SignIn(principal, authenticationScheme: BearerTokenDefaults.AuthenticationScheme);
    }

    /// <summary>
    /// 204: ends every session of the signed-in user — each bearer, refresh token and sign-in cookie of the user stops
    /// working (the user's security stamp changes).
    /// </summary>
    public static async Task<NoContent> SignOutEverywhere(SignInService signIn, HttpContext context, CancellationToken cancellationToken)
    {
        await signIn.SignOutAsync(context.User, SignInChannel.Api, context.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        return TypedResults.NoContent();
    }

    internal static IResult WrongCredentials() => TypedResults.Problem(
        statusCode: StatusCodes.Status401Unauthorized,
        title: "Unauthorized",
        detail: "The user name, password or code is wrong, or the account is locked or disabled. Accounts lock for a while after repeated failures.");

    internal static IResult TwoFactorRequired() => TypedResults.Problem(
        statusCode: StatusCodes.Status401Unauthorized,
        title: "Two-factor code required",
        detail: "Send the authenticator app's 6-digit code as otp (or a recovery code as recoveryCode) with the user name and password.",
        extensions: new Dictionary<string, object?> { ["code"] = TwoFactorRequiredCode });

    internal static async Task<IResult> ThrottledAsync(HttpContext context, TimeSpan retryAfter)
    {
        await SignInRateLimiting.WriteThrottledAsync(context, retryAfter);
        return TypedResults.Empty;
    }

    private static ProblemHttpResult Forbidden(string code, string title, string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden, title: title, detail: detail, extensions: new Dictionary<string, object?> { ["code"] = code });

    /// <summary>The body of <c>POST /api/auth/token</c>: <c>otp</c> or <c>recoveryCode</c> only for two-factor users.</summary>
    public sealed record TokenRequest(string? Username, string? Password, string? Otp = null, string? RecoveryCode = null);

    /// <summary>The body of <c>POST /api/auth/refresh</c>.</summary>
    public sealed record RefreshRequest(string? RefreshToken);
}
