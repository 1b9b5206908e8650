using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AiPlusTasks.Engine.Audit;
using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlusTasks.Host.Tests.Security;

/// <summary>
/// The Host as the sign-in tests need it: a client may say which address it calls from (<see cref="AddressHeader"/>,
/// read by a test-only middleware in front of everything, standing in for many clients), users are made for each test
/// with <see cref="CreateUserAsync"/>, and the audit trail can be read. Tokens last the product's 15 minutes.
/// </summary>
public partial class SecurityHostFactory : HostFactory
{
    /// <summary>The test-only request header carrying the client address the Host should see.</summary>
    public const string AddressHeader = "X-Test-Client-Address";

    /// <summary>A password that meets the policy, for users made by the tests.</summary>
    public const string UserPassword = "Correct-Horse-42";

    protected override TimeSpan? BearerTokenLifetime => null;

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<IStartupFilter, ClientAddressFromHeader>();

    /// <summary>Makes a user of <paramref name="agency"/> with <paramref name="roles"/> and <see cref="UserPassword"/>.</summary>
    public async Task<UserRecord> CreateUserAsync(string userName, string roles = "agency-staff", string agency = "guangdong", bool mustChangePassword = false)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserRecord>>();
        var user = new UserRecord
        {
            Id = userName,
            UserName = userName,
            AgencyCode = agency,
            Roles = roles,
            DisplayName = userName,
            CreatedAt = Time.GetUtcNow(),
            MustChangePassword = mustChangePassword,
        };
        var created = await users.CreateAsync(user, UserPassword);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        return user;
    }

    /// <summary>Runs <paramref name="change"/> on a user through Identity's user manager in a scope of its own.</summary>
    public async Task<T> WithUserAsync<T>(string userName, Func<UserManager<UserRecord>, UserRecord, Task<T>> change)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserRecord>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"no user {userName}");
        return await change(users, user);
    }

    /// <summary>The audit lines whose actor is <paramref name="actor"/>, newest first.</summary>
    public Task<IReadOnlyList<AuditEntryView>> AuditAsync(string actor) =>
        Services.GetRequiredService<AuditTrail>().ListAsync(new AuditQuery(Actor: actor, Take: 1000));

    /// <summary>A client that follows no redirects and sends <paramref name="address"/> as its address.</summary>
    public HttpClient CreateClientFrom(string address = "203.0.113.10", bool handleCookies = false)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = handleCookies });
        client.DefaultRequestHeaders.Add(AddressHeader, address);
        return client;
    }

    /// <summary><c>POST /api/auth/token</c>.</summary>
    public static Task<HttpResponseMessage> TokenAsync(HttpClient client, string username, string password, string? otp = null) =>
        client.PostAsJsonAsync("/api/auth/token", new { username, password, otp });

    /// <summary>The access and refresh token of a 200 from the token or refresh route.</summary>
    public static async Task<(string Access, string Refresh)> TokensOf(HttpResponseMessage response)
    {
        var body = await response.ExpectAsync(HttpStatusCode.OK);
        return (body["accessToken"].Str(), body["refreshToken"].Str());
    }

    /// <summary>
    /// Signs in through the web form as a browser does (the page's antiforgery token, then the post); returns the answer
    /// (a redirect) and the client, which keeps cookies.
    /// </summary>
    public async Task<(HttpResponseMessage Response, HttpClient Client)> SignInWithFormAsync(string username, string password, string address = "203.0.113.10")
    {
        var client = CreateClientFrom(address, handleCookies: true);
        var token = await AntiforgeryTokenAsync(client, "/signin");
        var response = await client.PostAsync(new Uri("/account/signin", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = username,
            ["password"] = password,
            ["returnUrl"] = "/inbox",
            ["__RequestVerificationToken"] = token,
        }));
        return (response, client);
    }

    /// <summary>Posts a form of a page (its antiforgery token first read from <paramref name="page"/>).</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, string action, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await AntiforgeryTokenAsync(client, page);
        return await client.PostAsync(new Uri(action, UriKind.Relative), new FormUrlEncodedContent(fields));
    }

    /// <summary>The antiforgery token of the first form on <paramref name="page"/>.</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string page)
    {
        var html = await (await client.GetAsync(new Uri(page, UriKind.Relative))).Content.ReadAsStringAsync();
        return AntiforgeryInput().Match(html) is { Success: true } input && InputValue().Match(input.Value) is { Success: true } value
            ? WebUtility.HtmlDecode(value.Groups["value"].Value)
            : throw new InvalidOperationException($"{page} has no antiforgery token: {html[..Math.Min(html.Length, 2000)]}");
    }

    /// <summary>A page's HTML with character references decoded (the components encode every non-ASCII letter).</summary>
    public static async Task<string> PageTextAsync(HttpClient client, Uri page) =>
        WebUtility.HtmlDecode(await (await client.GetAsync(page)).Content.ReadAsStringAsync());

    /// <summary>The body of a JSON answer.</summary>
    public static async Task<JsonNode> JsonOf(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<JsonNode>())!;

    [GeneratedRegex("""<input[^>]*name="__RequestVerificationToken"[^>]*>""")]
    private static partial Regex AntiforgeryInput();

    [GeneratedRegex(@"value=""(?<value>[^""]*)""")]
    private static partial Regex InputValue();

    /// <summary>Sets the connection's remote address from <see cref="AddressHeader"/>, before any of the Host's middleware.</summary>
    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(AddressHeader, out var value) && IPAddress.TryParse(value.ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
