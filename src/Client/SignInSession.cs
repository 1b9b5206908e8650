using AiPlusTasks.Client.Models;
using Microsoft.Kiota.Abstractions.Authentication;

namespace AiPlusTasks.Client;

/// <summary>A user's tokens as the server issued them, to keep between runs (a CLI's credentials file).</summary>
/// <param name="AccessToken">The bearer token.</param>
/// <param name="RefreshToken">Exchanged for new tokens at <c>/api/auth/refresh</c> while the session lasts (8 hours by default).</param>
/// <param name="AccessTokenExpires">When the bearer token stops being accepted.</param>
public sealed record SessionTokens(string AccessToken, string RefreshToken, DateTimeOffset AccessTokenExpires);

/// <summary>
/// A user's signed-in session with one server: its bearer token, renewed through the refresh token shortly before it
/// expires (a minute early, so a slow request does not arrive with a dead token). Used through
/// <see cref="AiPlusTasksClients.WithSession"/>; <see cref="Tokens"/> and <see cref="TokensRenewed"/> let a caller keep
/// the tokens between runs.
/// </summary>
public sealed class SignInSession : IAccessTokenProvider
{
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(1);

    private readonly AiPlusTasksApiClient _anonymous;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private Task<SessionTokens>? _renewal;

    private SignInSession(Uri server, SessionTokens tokens, HttpClient? httpClient, TimeProvider? time)
    {
        Server = server;
        Tokens = tokens;
        _anonymous = AiPlusTasksClients.Anonymous(server, httpClient);
        _time = time ?? TimeProvider.System;
        AllowedHostsValidator = new AllowedHostsValidator([server.Host]);
    }

    /// <summary>The server this session belongs to.</summary>
    public Uri Server { get; }

    /// <summary>The current tokens.</summary>
    public SessionTokens Tokens { get; private set; }

    /// <summary>Raised after the tokens were renewed, with the new ones (to save them).</summary>
    public event EventHandler<SessionTokens>? TokensRenewed;

    /// <summary>The bearer token is sent to the session's server only.</summary>
    public AllowedHostsValidator AllowedHostsValidator { get; }

    /// <summary>
    /// Signs in with a user name and password (and an authenticator code for a two-factor account). A wrong password
    /// throws the server's 401 <see cref="ProblemDetails"/>; a 403 says why the account cannot sign in through the API
    /// yet (a one-time password to change, an authenticator to enrol).
    /// </summary>
    public static async Task<SignInSession> SignInAsync(
        Uri server, string userName, string password, string? authenticatorCode = null,
        HttpClient? httpClient = null, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var session = new SignInSession(server, new SessionTokens("", "", DateTimeOffset.MinValue), httpClient, time);
        var answer = await session._anonymous.Api.Auth.Token.PostAsync(
            new TokenRequest { Username = userName, Password = password, Otp = authenticatorCode }, cancellationToken: cancellationToken);
        session.Tokens = session.TokensFrom(answer);
        return session;
    }

    /// <summary>Continues a session from tokens kept earlier (renewed on first use if the access token has expired).</summary>
    public static SignInSession Resume(Uri server, SessionTokens tokens, HttpClient? httpClient = null, TimeProvider? time = null) =>
        new(server, tokens, httpClient, time);

    /// <inheritdoc />
    public async Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default)
    {
        if (!AllowedHostsValidator.IsUrlHostValid(uri))
        {
            return "";
        }

        if (_time.GetUtcNow() < Tokens.AccessTokenExpires - RenewBefore)
        {
            return Tokens.AccessToken;
        }

        // Concurrent requests share one renewal: a refresh token is worth one exchange.
        Task<SessionTokens> renewal;
        lock (_gate)
        {
            renewal = _renewal ??= RenewAsync();
        }

        try
        {
            return (await renewal.WaitAsync(cancellationToken)).AccessToken;
        }
        finally
        {
            lock (_gate)
            {
                if (_renewal == renewal && renewal.IsCompleted)
                {
                    _renewal = null;
                }
            }
        }
    }

    private async Task<SessionTokens> RenewAsync()
    {
        var answer = await _anonymous.Api.Auth.Refresh.PostAsync(new RefreshRequest { RefreshToken = Tokens.RefreshToken });
        Tokens = TokensFrom(answer);
        TokensRenewed?.Invoke(this, Tokens);
        return Tokens;
    }

    private SessionTokens TokensFrom(AccessTokenResponse? answer) =>
        answer is { AccessToken: { Length: > 0 } access, RefreshToken: { Length: > 0 } refresh, ExpiresIn: { } seconds }
            ? new SessionTokens(access, refresh, _time.GetUtcNow().AddSeconds(seconds))
            : throw new InvalidOperationException("The server's token answer lacks a token or its lifetime.");
}
