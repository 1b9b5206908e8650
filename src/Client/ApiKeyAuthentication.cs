using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;

namespace AiPlusTasks.Client;

/// <summary>
/// Sends an agency system's API key in <c>X-Api-Key</c> to one server. Like Kiota's own provider it refuses plain
/// http, except to this machine (<c>localhost</c>, a loopback address), where the Host runs in development and tests;
/// Kiota's refuses that too.
/// </summary>
internal sealed class ApiKeyAuthentication(string apiKey, Uri server) : IAuthenticationProvider
{
    public Task AuthenticateRequestAsync(RequestInformation request, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default)
    {
        var target = request.URI;
        if (!string.Equals(target.Host, server.Host, StringComparison.OrdinalIgnoreCase))
        {
            return Task.CompletedTask;
        }

        if (target.Scheme != Uri.UriSchemeHttps && !target.IsLoopback)
        {
            throw new InvalidOperationException($"An API key is sent over https only; {target.GetLeftPart(UriPartial.Authority)} is plain http.");
        }

        request.Headers.TryAdd(AiPlusTasksClients.ApiKeyHeader, apiKey);
        return Task.CompletedTask;
    }
}
