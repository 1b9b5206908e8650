using System.Security.Claims;
using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Host.Idempotency;
using AiPlusTasks.Host.Infrastructure;
using AiPlusTasks.Host.Security;
using AiPlusTasks.Web.Account;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace AiPlusTasks.Host.Endpoints;

/// <summary>
/// The web UI's sign-in steps and sign-out (form posts with an antiforgery token; each step's page shows the form and
/// the error its redirect names), the API's password change and own contact details, and the UI's language switch (a culture cookie). Signing
/// in: <c>/account/signin</c> checks the password; when a step is left (<see cref="PendingSignIn"/>: a new password,
/// enrolling an authenticator app, its code, the recovery codes) a short-lived pending cookie leads to that step's page,
/// and the sign-in cookie is issued only after the last one. All of it goes through the one <see cref="SignInService"/>.
/// </summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").ExcludeFromDescription().AllowAnonymous();
        account.MapPost("/signin", SignInAsync).RequireRateLimiting(SignInRateLimiting.Policy);
        account.MapPost("/password", ChangePasswordFormAsync).RequireRateLimiting(SignInRateLimiting.Policy);
        account.MapPost("/two-factor", TwoFactorFormAsync).RequireRateLimiting(SignInRateLimiting.Policy);
        account.MapPost("/two-factor/setup", EnrolFormAsync).RequireRateLimiting(SignInRateLimiting.Policy);
        account.MapPost("/two-factor/recovery-codes", RecoveryCodesNotedAsync);
        account.MapPost("/signout", SignOutAsync);
        app.MapGroup("/api/account").WithTags("Account")
            .MapPost("/password", ChangePassword).WithName(nameof(ChangePassword)).WithSummary("Change a password with the current one (no sign-in needed)").AllowAnonymous()
            .Produces(StatusCodes.Status204NoContent).ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireRateLimiting(SignInRateLimiting.Policy).WithoutIdempotencyKey("the request holds passwords, which are never stored");
        var contact = app.MapGroup("/api/account/contact").WithTags("Account").RequireAuthorization();
        contact.MapGet("/", GetContact).WithName(nameof(GetContact))
            .WithSummary("Read the caller's own e-mail address and mobile number")
            .WithDescription("In full: they are the caller's own. 403 for an agency system.");
        contact.MapPut("/", UpdateContact).WithName(nameof(UpdateContact)).ProducesValidationProblem()
            .WithSummary("Replace the caller's own e-mail address and mobile number")
            .WithDescription("Both are replaced; null or empty removes one. 400 naming email or mobile when malformed (a mainland mobile number: 11 digits starting 13 to 19, spaces and dashes allowed). 403 for an agency system.")
            .WithoutIdempotencyKey("replacing the contact details may simply be sent again, and the answer holds them, so it is not stored");
        app.MapGet("/culture", SetCulture).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// 204: the password of <c>username</c> is now <c>newPassword</c>, given the current one (and <c>otp</c>, the
    /// authenticator code, for a two-factor user); the account's other sessions and tokens end. For API users whose
    /// account has a one-time password. 400 naming <c>newPassword</c> with the password policy's errors; 401 as
    /// <c>/api/auth/token</c> (wrong, unknown, locked out or disabled; <c>code: two_factor_required</c>); 429 when rate limited.
    /// </summary>
    public static async Task<IResult> ChangePassword(SignInService signIn, HttpContext context, PasswordChangeRequest body, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body.Username))
        {
            errors["username"] = ["username is required"];
        }

        if (string.IsNullOrEmpty(body.CurrentPassword))
        {
            errors["currentPassword"] = ["currentPassword is required"];
        }

        if (string.IsNullOrEmpty(body.NewPassword))
        {
            errors["newPassword"] = ["newPassword is required"];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        var attempt = await signIn.ChangePasswordAsync(
            body.Username!, body.CurrentPassword!, body.NewPassword!, secondFactorDone: false, body.Otp, SignInChannel.Api, Address(context), cancellationToken);
        return attempt.Outcome switch
        {
            SignInOutcome.Succeeded => TypedResults.NoContent(),
            SignInOutcome.Invalid => TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["newPassword"] = [.. attempt.Errors!.Select(e => e.Description)] },
                title: "The new password does not meet the password policy."),
            SignInOutcome.SecondFactorRequired => AuthEndpoints.TwoFactorRequired(),
            SignInOutcome.Throttled => await AuthEndpoints.ThrottledAsync(context, attempt.RetryAfter),
            _ => AuthEndpoints.WrongCredentials(),
        };
    }

    /// <summary>200 with the caller's own contact details, in full.</summary>
    public static async Task<Ok<UserContact>> GetContact(UserAdministration users, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await users.GetContactAsync(CallerClaims.ToCaller(user), cancellationToken));

    /// <summary>200 with the caller's contact details as now stored (the mobile number as 11 digits).</summary>
    public static async Task<Ok<UserContact>> UpdateContact(UserAdministration users, ClaimsPrincipal user, ContactBody body, CancellationToken cancellationToken) =>
        TypedResults.Ok(await users.UpdateContactAsync(CallerClaims.ToCaller(user), body.Email, body.Mobile, cancellationToken));

    /// <summary>The body of <c>PUT /api/account/contact</c>.</summary>
    /// <param name="Email">The e-mail address; null or empty removes it.</param>
    /// <param name="Mobile">The mainland mobile number, e.g. <c>138 0000 0001</c>; null or empty removes it.</param>
    public sealed record ContactBody(string? Email, string? Mobile);

    /// <summary>The body of <c>POST /api/account/password</c>.</summary>
    public sealed record PasswordChangeRequest(string? Username, string? CurrentPassword, string? NewPassword, string? Otp = null);

    private static async Task<IResult> SignInAsync(
        HttpContext context, SignInService signIn, [FromForm] string? username, [FromForm] string? password, [FromForm] string? returnUrl, CancellationToken cancellationToken)
    {
        var back = ReturnUrls.LocalOrHome(returnUrl);
        if (string.IsNullOrWhiteSpace(username) || string.IsNullOrEmpty(password))
        {
            return Results.LocalRedirect($"/signin?failed=true&returnUrl={Uri.EscapeDataString(back)}");
        }

        var attempt = await signIn.CheckPasswordAsync(username, password, SignInChannel.Form, Address(context), cancellationToken);
        return attempt.Outcome switch
        {
            SignInOutcome.Succeeded => await ContinueAsync(context, signIn, attempt.User!, attempt.NextStep, back, cancellationToken),
            SignInOutcome.Throttled => await AuthEndpoints.ThrottledAsync(context, attempt.RetryAfter),
            _ => Results.LocalRedirect($"/signin?failed=true&returnUrl={Uri.EscapeDataString(back)}"),
        };
    }

    /// <summary>
    /// The new-password form: a pending sign-in at that step (its one-time password just given), or a signed-in user
    /// changing theirs. Both give the current password again. Errors go back to the page as Identity's codes.
    /// </summary>
    private static async Task<IResult> ChangePasswordFormAsync(
        HttpContext context,
        SignInService signIn,
        [FromForm] string? currentPassword,
        [FromForm] string? newPassword,
        [FromForm] string? confirmPassword,
        CancellationToken cancellationToken)
    {
        var (pending, returnUrl) = await PendingAsync(context, PendingSignIn.ChangePassword);
        var userName = pending ?? (context.User.Identity?.IsAuthenticated == true ? context.User.Identity.Name : null);
        if (userName is null)
        {
            return Results.LocalRedirect("/signin");
        }

        if (string.IsNullOrEmpty(currentPassword) || string.IsNullOrEmpty(newPassword))
        {
            return PasswordPage("Required");
        }

        if (!string.Equals(newPassword, confirmPassword, StringComparison.Ordinal))
        {
            return PasswordPage("PasswordMismatch");
        }

        var attempt = await signIn.ChangePasswordAsync(
            userName, currentPassword, newPassword, secondFactorDone: true, secondFactorCode: null, SignInChannel.Form, Address(context), cancellationToken);
        switch (attempt.Outcome)
        {
            case SignInOutcome.Succeeded when pending is not null:
                return await ContinueAsync(context, signIn, attempt.User!, attempt.NextStep, returnUrl, cancellationToken);
            case SignInOutcome.Succeeded:
                // The change ended every session, this one too: the user keeps working with a new cookie.
                await context.SignInAsync(
                    CookieAuthenticationDefaults.AuthenticationScheme, await signIn.CompleteAsync(attempt.User!, SignInChannel.Form, Address(context), cancellationToken));
                return Results.LocalRedirect("/account/password?changed=true");
            case SignInOutcome.Invalid:
                return PasswordPage(string.Join(',', attempt.Errors!.Select(e => e.Code)));
            case SignInOutcome.Throttled:
                return await AuthEndpoints.ThrottledAsync(context, attempt.RetryAfter);
            default:
                return PasswordPage("WrongPassword");
        }
    }

    private static async Task<IResult> TwoFactorFormAsync(HttpContext context, SignInService signIn, [FromForm] string? code, CancellationToken cancellationToken)
    {
        var (userName, returnUrl) = await PendingAsync(context, PendingSignIn.TwoFactorCode);
        var user = await signIn.FindAsync(userName);
        if (user is null)
        {
            return Results.LocalRedirect("/signin");
        }

        var attempt = string.IsNullOrWhiteSpace(code)
            ? SignInAttempt.Failed
            : await signIn.CheckSecondFactorAsync(user, code, SignInChannel.Form, Address(context), cancellationToken);
        return attempt.Outcome switch
        {
            SignInOutcome.Succeeded => await ContinueAsync(context, signIn, user, attempt.NextStep, returnUrl, cancellationToken),
            SignInOutcome.Throttled => await AuthEndpoints.ThrottledAsync(context, attempt.RetryAfter),
            _ => Results.LocalRedirect("/account/two-factor?failed=true"),
        };
    }

    private static async Task<IResult> EnrolFormAsync(HttpContext context, SignInService signIn, [FromForm] string? code, CancellationToken cancellationToken)
    {
        var (userName, returnUrl) = await PendingAsync(context, PendingSignIn.EnrolTwoFactor);
        var user = await signIn.FindAsync(userName);
        if (user is null)
        {
            return Results.LocalRedirect("/signin");
        }

        var attempt = string.IsNullOrWhiteSpace(code)
            ? SignInAttempt.Failed
            : await signIn.EnrolAsync(user, code, SignInChannel.Form, Address(context), cancellationToken);
        if (attempt.Outcome == SignInOutcome.Throttled)
        {
            return await AuthEndpoints.ThrottledAsync(context, attempt.RetryAfter);
        }

        if (attempt.Outcome != SignInOutcome.Succeeded)
        {
            return Results.LocalRedirect("/account/two-factor/setup?failed=true");
        }

        await context.SignInAsync(PendingSignIn.Scheme, PendingSignIn.ToPrincipal(user.UserName!, PendingSignIn.RecoveryCodes, returnUrl, attempt.RecoveryCodes));
        return Results.LocalRedirect(PendingSignIn.PageOf(PendingSignIn.RecoveryCodes));
    }

    /// <summary>The recovery codes were shown and noted (the form's <c>noted</c> field): the sign-in ends with a session.</summary>
    private static async Task<IResult> RecoveryCodesNotedAsync(HttpContext context, SignInService signIn, [FromForm] string? noted, CancellationToken cancellationToken)
    {
        var (userName, returnUrl) = await PendingAsync(context, PendingSignIn.RecoveryCodes);
        var user = noted == "true" ? await signIn.FindAsync(userName) : null;
        return user is null
            ? Results.LocalRedirect("/signin")
            : await ContinueAsync(context, signIn, user, nextStep: null, returnUrl, cancellationToken);
    }

    /// <summary>
    /// Signs out (antiforgery token required: 400 without): every session and token of the user ends (its security
    /// stamp changes, so a copy of this cookie stops working too), and the cookie is cleared.
    /// </summary>
    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery, SignInService signIn, CancellationToken cancellationToken)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return AntiforgeryRefused();
        }

        if (context.User.Identity?.IsAuthenticated == true)
        {
            await signIn.SignOutAsync(context.User, SignInChannel.Form, Address(context), cancellationToken);
        }

        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        await context.SignOutAsync(PendingSignIn.Scheme);
        return Results.LocalRedirect("/signin");
    }

    /// <summary>Sets the UI language (<c>zh-CN</c> or <c>en</c>) for a year and goes back.</summary>
    private static IResult SetCulture(HttpContext context, TimeProvider time, string? culture, string? returnUrl)
    {
        if (culture is not null && Localization.Cultures.Contains(culture, StringComparer.Ordinal))
        {
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = time.GetUtcNow().AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
        }

        return Results.LocalRedirect(ReturnUrls.LocalOrHome(returnUrl));
    }

    /// <summary>
    /// After a step: the next step's page under a pending cookie, or, when none is left, the sign-in cookie (the pending
    /// one cleared) and the page the user came for.
    /// </summary>
    private static async Task<IResult> ContinueAsync(
        HttpContext context, SignInService signIn, UserRecord user, string? nextStep, string returnUrl, CancellationToken cancellationToken)
    {
        if (nextStep is not null)
        {
            if (nextStep == PendingSignIn.EnrolTwoFactor)
            {
                // The enrolment page shows the key; it is made here, not by showing a page.
                await signIn.AuthenticatorKeyAsync(user);
            }

            await context.SignInAsync(PendingSignIn.Scheme, PendingSignIn.ToPrincipal(user.UserName!, nextStep, returnUrl));
            return Results.LocalRedirect(PendingSignIn.PageOf(nextStep));
        }

        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, await signIn.CompleteAsync(user, SignInChannel.Form, Address(context), cancellationToken));
        await context.SignOutAsync(PendingSignIn.Scheme);
        return Results.LocalRedirect(returnUrl);
    }

    /// <summary>The user name and return address of a pending sign-in at <paramref name="step"/>; no name when there is none.</summary>
    private static async Task<(string? UserName, string ReturnUrl)> PendingAsync(HttpContext context, string step)
    {
        var pending = await context.AuthenticateAsync(PendingSignIn.Scheme);
        return PendingSignIn.StepOf(pending.Principal) == step
            ? (pending.Principal!.Identity!.Name, ReturnUrls.LocalOrHome(pending.Principal.FindFirst(PendingSignIn.ReturnUrlClaim)?.Value))
            : (null, ReturnUrls.Home);
    }

    private static ProblemHttpResult AntiforgeryRefused() => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest, title: "Antiforgery token missing or invalid", detail: "Use the page's own button.");

    private static RedirectHttpResult PasswordPage(string errorCodes) =>
        TypedResults.LocalRedirect($"/account/password?error={Uri.EscapeDataString(errorCodes)}");

    private static string? Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString();
}
