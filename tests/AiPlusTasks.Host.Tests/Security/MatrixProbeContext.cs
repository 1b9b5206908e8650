using System.Net.Http.Json;

namespace AiPlusTasks.Host.Tests.Security;

/// <summary>One call of the matrix walk: the role, its client, and whose thing the call names.</summary>
public sealed class MatrixProbeContext(MatrixFixture fixture, string role, MatrixScope scope, HttpClient client)
{
    public MatrixFixture Fixture => fixture;

    public string Role => role;

    public MatrixScope Scope => scope;

    /// <summary>The role's client (a token, guangdong's API key, or none).</summary>
    public HttpClient Client => client;

    /// <summary>The agency whose thing the call names; null for a missing thing.</summary>
    public string? Agency => scope switch
    {
        MatrixScope.Missing => null,
        MatrixScope.Other when MatrixFixture.IsAgencyRole(role) => MatrixFixture.OtherAgency,
        _ => MatrixFixture.OwnAgency,
    };

    /// <summary>The id <paramref name="make"/> makes for <see cref="Agency"/>, or <paramref name="missing"/> for a missing thing.</summary>
    public async Task<string> ThingAsync(Func<string, Task<string>> make, string missing) => Agency is { } agency ? await make(agency) : missing;

    /// <summary>The caller's client when the caller may claim the thing (its own agency's staff or lead, NDRC staff), else null.</summary>
    public HttpClient? Claimer =>
        (role is "agency-staff" or "agency-lead" && scope == MatrixScope.Own) || role is "ndrc-planner" or "ndrc-supervisor" ? client : null;

    public Task<HttpResponseMessage> GetAsync(string path) => client.GetAsync(new Uri(path, UriKind.Relative));

    /// <summary>
    /// POSTs JSON (an empty object without a body) with a fresh <c>Idempotency-Key</c>, which agency systems must send,
    /// unless the route refuses one (<paramref name="keyed"/> false).
    /// </summary>
    public Task<HttpResponseMessage> PostAsync(string path, object? body = null, bool keyed = true) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body ?? new { }) }, keyed);

    /// <summary>PUTs JSON with a fresh <c>Idempotency-Key</c>.</summary>
    public Task<HttpResponseMessage> PutAsync(string path, object body) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Put, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body) }, keyed: true);

    /// <summary>DELETEs with a fresh <c>Idempotency-Key</c>.</summary>
    public Task<HttpResponseMessage> DeleteAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Delete, new Uri(path, UriKind.Relative)), keyed: true);

    private Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, bool keyed)
    {
        if (keyed)
        {
            request.Headers.TryAddWithoutValidation(InboundApi.IdempotencyKeyHeader, $"matrix-{fixture.Next()}");
        }

        return client.SendAsync(request);
    }
}
