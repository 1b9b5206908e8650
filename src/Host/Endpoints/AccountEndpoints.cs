using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Host.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace AiPlusTasks.Host.Endpoints;

/// <summary>
/// The web UI's sign-in and sign-out (form posts with an antiforgery token, setting or clearing the sign-in cookie), and
/// its language switch (a culture cookie).
/// </summary>
public static class AccountEndpoints
{
    private const string Home = "/inbox";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").ExcludeFromDescription();
        account.MapPost("/signin", SignInAsync).AllowAnonymous();
        account.MapPost("/signout", (Delegate)SignOutAsync);
        app.MapGet("/culture", SetCulture).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> SignInAsync(
        HttpContext context, UserStore users, [FromForm] string? username, [FromForm] string? password, [FromForm] string? returnUrl, CancellationToken cancellationToken)
    {
        var caller = string.IsNullOrWhiteSpace(username) || string.IsNullOrEmpty(password)
            ? null
            : await users.AuthenticateAsync(username, password, cancellationToken);
        if (caller is null)
        {
            return Results.LocalRedirect($"/signin?failed=true&returnUrl={Uri.EscapeDataString(LocalOrHome(returnUrl))}");
        }

        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, CallerClaims.ToPrincipal(caller, CookieAuthenticationDefaults.AuthenticationScheme));
        return Results.LocalRedirect(LocalOrHome(returnUrl));
    }

    private static async Task<IResult> SignOutAsync(HttpContext context)
    {
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
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

        return Results.LocalRedirect(LocalOrHome(returnUrl));
    }

    /// <summary>Only a path on this site (never another host, no control characters), else the inbox.</summary>
    private static string LocalOrHome(string? url) => LocalUrls.OrFallback(url, Home);
}
