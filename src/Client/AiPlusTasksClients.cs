using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

namespace AiPlusTasks.Client;

/// <summary>
/// Makes a typed client (<see cref="AiPlusTasksApiClient"/>) for one AiPlusTasks server, signed in one of the API's two
/// ways: an agency system's API key (header <c>X-Api-Key</c>), or a user's bearer token from
/// <see cref="SignInSession"/>. Without an <see cref="HttpClient"/> of the caller's, the client gets Kiota's default
/// handlers: retries on 429/503 honouring <c>Retry-After</c> (a starting server answers 503), redirects, compression.
/// </summary>
public static class AiPlusTasksClients
{
    /// <summary>The header an agency system's API key travels in.</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>A client that sends <paramref name="apiKey"/> on every request to <paramref name="server"/> (and to no other host), over https (or plain http to this machine).</summary>
    public static AiPlusTasksApiClient WithApiKey(Uri server, string apiKey, HttpClient? httpClient = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        return Create(server, new ApiKeyAuthentication(apiKey, server), httpClient);
    }

    /// <summary>A client that sends the session's bearer token, refreshed before it expires.</summary>
    public static AiPlusTasksApiClient WithSession(SignInSession session, HttpClient? httpClient = null) =>
        Create(session.Server, new BaseBearerTokenAuthenticationProvider(session), httpClient);

    /// <summary>A client without credentials: for sign-in and the few anonymous routes.</summary>
    public static AiPlusTasksApiClient Anonymous(Uri server, HttpClient? httpClient = null) =>
        Create(server, new AnonymousAuthenticationProvider(), httpClient);

    private static AiPlusTasksApiClient Create(Uri server, IAuthenticationProvider authentication, HttpClient? httpClient)
    {
        var adapter = new HttpClientRequestAdapter(authentication, httpClient: httpClient ?? KiotaClientFactory.Create())
        {
            BaseUrl = server.GetLeftPart(UriPartial.Authority) + server.AbsolutePath.TrimEnd('/'),
        };
        return new AiPlusTasksApiClient(adapter);
    }
}
