using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Host.Security;

/// <summary>
/// The OpenID Connect handler's events at the end of a platform's sign-in: the ticket is mapped and linked by
/// <see cref="SingleSignOnSignIn"/> and the user gets the session a password sign-in gets
/// (<see cref="SignInService.CompleteAsync"/>: the same principal, security stamp included, and audit line), or the
/// browser is sent to the refusal page. The handler's own sign-in is never used, so nothing of the
/// platform's claims reaches the cookie.
/// </summary>
internal static class SingleSignOnCallback
{
    public static async Task TicketReceivedAsync(TicketReceivedContext context)
    {
        var provider = ProviderOf(context.HttpContext, context.Scheme.Name);
        var services = context.HttpContext.RequestServices;
        var address = context.HttpContext.Connection.RemoteIpAddress;
        try
        {
            var user = await services.GetRequiredService<SingleSignOnSignIn>().SignInAsync(provider, context.Principal!, address, context.HttpContext.RequestAborted);
            var session = await services.GetRequiredService<SignInService>().CompleteAsync(user, SignInChannel.Form, address?.ToString(), context.HttpContext.RequestAborted);
            await context.HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, session);
            context.Response.Redirect(ReturnUrls.LocalOrHome(context.ReturnUri));
        }
        catch (SingleSignOnRefusedException refused)
        {
            context.Response.Redirect(SingleSignOn.RefusedUrlOf(provider.Name, refused.Reason));
        }

        context.HandleResponse();
    }

    /// <summary>
    /// The platform answered with an error (the user cancelled, access denied) or its answer did not check out (state,
    /// correlation cookie, nonce, token): the refusal page, not a 500; the failure is logged and audited.
    /// </summary>
    public static async Task RemoteFailureAsync(RemoteFailureContext context)
    {
        var provider = ProviderOf(context.HttpContext, context.Scheme.Name);
        var signIn = context.HttpContext.RequestServices.GetRequiredService<SingleSignOnSignIn>();
        await signIn.RecordFailureAsync(provider, context.Failure, context.HttpContext.Connection.RemoteIpAddress, context.HttpContext.RequestAborted);
        context.Response.Redirect(SingleSignOn.RefusedUrlOf(provider.Name, SingleSignOnRefusal.Failed));
        context.HandleResponse();
    }

    private static SingleSignOnProvider ProviderOf(HttpContext context, string scheme) =>
        context.RequestServices.GetRequiredService<IOptions<SingleSignOnOptions>>().Value.Providers.First(p => SingleSignOn.SchemeOf(p.Name) == scheme);
}
