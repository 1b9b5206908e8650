using System.Net;
using System.Net.Sockets;
using AiPlusTasks.Client;
using Microsoft.Kiota.Abstractions;

namespace AiPlusTasks.Cli.Connection;

/// <summary>
/// The generated client (<see cref="AiPlusTasksApiClient"/>) for one server, and the one place its failures become
/// words: a refusal is the server's ProblemDetails (<see cref="ApiProblems"/>, field errors on their own lines), a 401
/// also says to sign in, and a server that cannot be reached names the URL.
/// </summary>
/// <param name="server">The Host's address.</param>
/// <param name="api">The client, signed in as the command line says.</param>
/// <param name="http">The HttpClient under it when not the client's default (tests); sign-in uses it too.</param>
public sealed class ServerSession(Uri server, AiPlusTasksApiClient api, HttpClient? http)
{
    public Uri Server => server;

    public HttpClient? Http => http;

    /// <summary>Runs one call of the client; its failures become <see cref="CommandFailedException"/>s.</summary>
    public async Task<T> CallAsync<T>(Func<AiPlusTasksApiClient, Task<T?>> call, bool signingIn = false)
    {
        try
        {
            return await call(api) ?? throw new CommandFailedException($"{server} answered without a body.");
        }
        catch (ApiException refusal)
        {
            var signInHint = refusal.ResponseStatusCode == (int)HttpStatusCode.Unauthorized && !signingIn
                ? $"{Environment.NewLine}Sign in: aiplus login --url {server} (or pass --api-key)."
                : "";
            throw new CommandFailedException(ApiProblems.Describe(refusal) + signInHint, (HttpStatusCode)refusal.ResponseStatusCode);
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException socket)
        {
            throw new CommandFailedException($"Cannot reach {server}: {socket.SocketErrorCode} ({socket.Message}). Check --url or AIPLUS_URL, and that the Host runs there.");
        }
    }

    /// <summary>As <see cref="CallAsync{T}"/>, but null when the server answers 404.</summary>
    public async Task<T?> FindAsync<T>(Func<AiPlusTasksApiClient, Task<T?>> call)
        where T : class
    {
        try
        {
            return await CallAsync(call);
        }
        catch (CommandFailedException e) when (e.Status == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
