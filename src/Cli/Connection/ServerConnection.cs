using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace AiPlusTasks.Cli.Connection;

/// <summary>
/// One server, called with an API key (<c>X-Api-Key</c>) when one is given, else with the bearer token stored by
/// <c>aiplus login</c>, refreshed through <c>/api/auth/refresh</c> when it has expired or the server answers 401. Every
/// refusal becomes a <see cref="CommandFailedException"/> in words (<see cref="ProblemText"/>); so does a server that cannot be reached.
/// </summary>
public sealed class ServerConnection(Uri server, string? apiKey, TokenStore tokens, CliEnvironment environment) : IDisposable
{
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http = new(environment.CreateHandler?.Invoke() ?? new HttpClientHandler()) { BaseAddress = server };

    public Uri Server => server;

    public async Task<JsonNode?> GetJsonAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);
        return await ReadJsonAsync(response, cancellationToken);
    }

    public async Task<JsonNode?> PostJsonAsync(string path, JsonNode? body, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) }, cancellationToken);
        return await ReadJsonAsync(response, cancellationToken);
    }

    /// <summary>Posts JSON text as it is (a definition file: the server reports its own line and position).</summary>
    public async Task<JsonNode?> PostJsonTextAsync(string path, string json, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") }, cancellationToken);
        return await ReadJsonAsync(response, cancellationToken);
    }

    /// <summary>The JSON at <paramref name="path"/>, or null when the server answers 404.</summary>
    public async Task<JsonNode?> FindJsonAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await GetJsonAsync(path, cancellationToken);
        }
        catch (CommandFailedException e) when (e.Status == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Writes the answer's body to <paramref name="target"/> as it streams in.</summary>
    public async Task DownloadAsync(string path, Stream target, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);
        await response.Content.CopyToAsync(target, cancellationToken);
    }

    /// <summary>Signs in with a password and stores the tokens for this server.</summary>
    public async Task SignInAsync(string username, string password, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["username"] = username, ["password"] = password };
        using var response = await SendOnceAsync(() => new HttpRequestMessage(HttpMethod.Post, "/api/auth/token") { Content = JsonContent.Create(body) }, null, cancellationToken, signingIn: true);
        await StoreTokensAsync(response, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> create, CancellationToken cancellationToken)
    {
        if (apiKey is not null)
        {
            return await SendOnceAsync(create, request => request.Headers.Add("X-Api-Key", apiKey), cancellationToken);
        }

        var stored = tokens.Get(server);
        if (stored is not null && stored.AccessTokenExpiresAt - ExpiryMargin <= environment.Time.GetUtcNow())
        {
            stored = await RefreshAsync(stored, cancellationToken);
        }

        try
        {
            return await SendOnceAsync(create, Bearer(stored), cancellationToken);
        }
        catch (CommandFailedException e) when (e.Status == HttpStatusCode.Unauthorized && stored is not null)
        {
            return await SendOnceAsync(create, Bearer(await RefreshAsync(stored, cancellationToken)), cancellationToken);
        }
    }

    private static Action<HttpRequestMessage>? Bearer(StoredTokens? stored) => stored is null
        ? null
        : request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", stored.AccessToken);

    private async Task<StoredTokens> RefreshAsync(StoredTokens stored, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["refreshToken"] = stored.RefreshToken };
        using var response = await SendOnceAsync(() => new HttpRequestMessage(HttpMethod.Post, "/api/auth/refresh") { Content = JsonContent.Create(body) }, null, cancellationToken);
        return await StoreTokensAsync(response, cancellationToken);
    }

    private async Task<StoredTokens> StoreTokensAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var answer = (await ReadJsonAsync(response, cancellationToken))!;
        var fresh = new StoredTokens(
            answer["accessToken"]!.GetValue<string>(),
            answer["refreshToken"]!.GetValue<string>(),
            environment.Time.GetUtcNow().AddSeconds(answer["expiresIn"]!.GetValue<long>()));
        tokens.Save(server, fresh);
        return fresh;
    }

    private async Task<HttpResponseMessage> SendOnceAsync(
        Func<HttpRequestMessage> create, Action<HttpRequestMessage>? authenticate, CancellationToken cancellationToken, bool signingIn = false)
    {
        using var request = create();
        authenticate?.Invoke(request);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException socket)
        {
            throw new CommandFailedException($"Cannot reach {server}: {socket.SocketErrorCode} ({socket.Message}). Check --url or AIPLUS_URL, and that the Host runs there.");
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var text = ProblemText.From(response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
            var signInHint = response.StatusCode == HttpStatusCode.Unauthorized && !signingIn
                ? $"{Environment.NewLine}Sign in: aiplus login --url {server} (or pass --api-key)."
                : "";
            throw new CommandFailedException(text + signInHint, response.StatusCode);
        }
    }

    private static async Task<JsonNode?> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        response.Content.Headers.ContentLength == 0 ? null : await response.Content.ReadFromJsonAsync<JsonNode>(cancellationToken);

    public void Dispose() => _http.Dispose();
}
