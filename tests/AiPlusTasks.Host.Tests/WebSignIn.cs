using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AiPlusTasks.Host.Tests;

/// <summary>Web clients as the browser has them: they keep cookies, follow no redirects, and sign in through the form.</summary>
public static partial class WebSignIn
{
    /// <summary>A client that keeps cookies and does not follow redirects, signed in by nobody.</summary>
    public static HttpClient CreateWebClient(this HostFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A fresh web client signed in as <paramref name="username"/> by posting the sign-in form (with its antiforgery token).</summary>
    public static async Task<HttpClient> SignInAsync(this HostFactory factory, string username)
    {
        var client = factory.CreateWebClient();
        var form = await (await client.GetAsync(new Uri("/signin", UriKind.Relative))).Content.ReadAsStringAsync();
        var token = AntiforgeryInput().Match(form) is { Success: true } input && InputValue().Match(input.Value) is { Success: true } value
            ? WebUtility.HtmlDecode(value.Groups["value"].Value)
            : throw new InvalidOperationException($"the sign-in page has no antiforgery token: {form[..Math.Min(form.Length, 3000)]}");
        var response = await client.PostAsync(new Uri("/account/signin", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = username,
            ["password"] = HostFactory.Password,
            ["returnUrl"] = "/inbox",
            ["__RequestVerificationToken"] = token,
        }));
        Assert.True(
            response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString == "/inbox",
            $"signing in as {username} answered {(int)response.StatusCode} → {response.Headers.Location}");
        return client;
    }

    [GeneratedRegex("""<input[^>]*name="__RequestVerificationToken"[^>]*>""")]
    private static partial Regex AntiforgeryInput();

    [GeneratedRegex(@"value=""(?<value>[^""]*)""")]
    private static partial Regex InputValue();
}
