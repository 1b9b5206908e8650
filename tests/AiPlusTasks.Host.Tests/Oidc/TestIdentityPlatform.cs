using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AiPlusTasks.Host.Tests.Oidc;

/// <summary>
/// A real OpenID Connect provider standing in for a province's unified identity platform (统一身份认证): OpenIddict's
/// server on Kestrel at a free loopback port in the test process, with the authorization-code flow and PKCE required,
/// its clients in an EF Core store on a SQLite file, a sign-in form of its own (a cookie) and users whose claims a
/// test sets (<see cref="Users"/>). The ID token carries the user's claims.
/// </summary>
public sealed class TestIdentityPlatform : IAsyncDisposable
{
    private const string PlatformCookie = "platform";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "aiplustasks-platform-tests", Guid.NewGuid().ToString("N"));
    private WebApplication? _app;

    /// <summary>The platform's users by login name; a test may add or replace one at any time.</summary>
    public ConcurrentDictionary<string, PlatformUser> Users { get; } = new(StringComparer.Ordinal);

    /// <summary>The issuer (<c>http://127.0.0.1:port/</c>), known once started.</summary>
    public Uri Authority { get; private set; } = null!;

    /// <summary>How many times the token endpoint redeemed a code (the back channel was used).</summary>
    public int TokenRequests => _tokenRequests;

    private int _tokenRequests;

    public async Task StartAsync()
    {
        Directory.CreateDirectory(_directory);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = _directory, EnvironmentName = "Testing" });
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.AddDbContext<PlatformDbContext>(o =>
        {
            o.UseSqlite($"Data Source={Path.Combine(_directory, "platform.db")}");
            o.UseOpenIddict();
        });
        builder.Services.AddAuthentication(PlatformCookie).AddCookie(PlatformCookie, o =>
        {
            o.LoginPath = "/login";
            o.Cookie.Name = "platform-session";
        });
        builder.Services.AddAuthorization();
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<PlatformDbContext>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.RegisterScopes(Scopes.OpenId, Scopes.Profile);
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                o.DisableAccessTokenEncryption();
                o.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .DisableTransportSecurityRequirement();
            });

        _app = builder.Build();
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Database.EnsureCreatedAsync();
        }

        _app.UseAuthentication();
        _app.UseAuthorization();
        _app.MapGet("/login", LoginForm);
        _app.MapPost("/login", (Delegate)LoginAsync);
        _app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], (Delegate)AuthorizeAsync);
        _app.MapPost("/connect/token", (Delegate)TokenAsync);
        await _app.StartAsync();
        Authority = new Uri(_app.Urls.Single().TrimEnd('/') + "/");
    }

    /// <summary>Registers a confidential client that must use PKCE and may only redirect to <paramref name="redirectUri"/>.</summary>
    public async Task RegisterClientAsync(string clientId, string clientSecret, Uri redirectUri)
    {
        await using var scope = _app!.Services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        await applications.CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = clientSecret,
            ClientType = ClientTypes.Confidential,
            RedirectUris = { redirectUri },
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.ResponseTypes.Code,
                Permissions.Prefixes.Scope + Scopes.Profile,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        });
    }

    /// <summary>The platform's own sign-in page: a form with the user name and password.</summary>
    private static IResult LoginForm(string? returnUrl) => Results.Content(
        $"""
        <!DOCTYPE html><html><body><h1>统一身份认证</h1>
        <form method="post" action="/login" id="platform-login">
        <input type="hidden" name="returnUrl" value="{WebUtility.HtmlEncode(returnUrl)}" />
        <input name="username" /><input name="password" type="password" /><button>登录</button>
        </form></body></html>
        """,
        "text/html; charset=utf-8");

    private async Task<IResult> LoginAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        var returnUrl = form["returnUrl"].ToString();
        if (!Users.TryGetValue(form["username"].ToString(), out var user) || user.Password != form["password"].ToString()
            || !returnUrl.StartsWith("/connect/authorize", StringComparison.Ordinal))
        {
            return Results.Unauthorized();
        }

        await context.SignInAsync(PlatformCookie, new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user.UserName)], PlatformCookie)));
        return Results.Redirect(returnUrl);
    }

    /// <summary>The authorization endpoint: the signed-in platform user, or the platform's sign-in page first.</summary>
    private async Task<IResult> AuthorizeAsync(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("not an OpenID Connect request");
        var session = await context.AuthenticateAsync(PlatformCookie);
        if (!session.Succeeded || !Users.TryGetValue(session.Principal!.Identity!.Name!, out var user))
        {
            return Results.Challenge(
                new AuthenticationProperties { RedirectUri = context.Request.Path + context.Request.QueryString },
                [PlatformCookie]);
        }

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, user.Subject));
        identity.AddClaim(new Claim(Claims.PreferredUsername, user.UserName));
        foreach (var (type, value) in user.Claims)
        {
            identity.AddClaim(new Claim(type, value));
        }

        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>The token endpoint: redeems a code (OpenIddict has checked the client, its secret, the redirect URI and PKCE).</summary>
    private async Task<IResult> TokenAsync(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("not an OpenID Connect request");
        if (!request.IsAuthorizationCodeGrantType())
        {
            return Results.Forbid(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        Interlocked.Increment(ref _tokenRequests);
        var redeemed = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var identity = new ClaimsIdentity(redeemed.Principal!.Claims, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
