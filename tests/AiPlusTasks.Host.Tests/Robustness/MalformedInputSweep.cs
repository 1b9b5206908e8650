using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace AiPlusTasks.Host.Tests.Robustness;

/// <summary>
/// Sends generated malformed requests to a host and checks each answer: never a 5xx; a request that must be rejected
/// is; every 400 is a ProblemDetails naming the offending field. Counts cases per family and remembers the ids accepted
/// writes named, so the database check can tell their rows from rows that must not have changed.
/// </summary>
public sealed class MalformedInputSweep(HostFactory factory, ITestOutputHelper output)
{
    private readonly ConcurrentDictionary<SweepCaller, HttpClient> _clients = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<int, int>> _statuses = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _touchedIds = new(StringComparer.Ordinal);

    /// <summary>The API key the <see cref="SweepCaller.GuangdongSystem"/> sends; set before such requests are sent.</summary>
    public string? GuangdongApiKey { get; set; }

    /// <summary>The ids in the paths and answers of accepted writes.</summary>
    public IReadOnlyCollection<string> TouchedIds => [.. _touchedIds.Keys];

    public int CaseCount(string familyPrefix) =>
        _statuses.Where(f => f.Key.StartsWith(familyPrefix, StringComparison.Ordinal)).Sum(f => f.Value.Values.Sum());

    /// <summary>Sends the request, checks the answer's properties (throwing on a violation) and returns its status and JSON body.</summary>
    public async Task<(HttpStatusCode Status, JsonNode? Body)> CheckAsync(MalformedRequest request)
    {
        using var message = new HttpRequestMessage(request.Method, new Uri(request.Path, UriKind.Relative));
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            message.Content.Headers.ContentType = null;
            if (request.ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }
        }

        if (request.IdempotencyKey is not null)
        {
            message.Headers.TryAddWithoutValidation(InboundApi.IdempotencyKeyHeader, request.IdempotencyKey);
        }

        using var response = await Client(request.Caller).SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        _statuses.GetOrAdd(request.Family, _ => new()).AddOrUpdate(status, 1, (_, n) => n + 1);
        var body = TryParse(text);

        if (status >= 500)
        {
            throw new XunitException($"{status} for {request}: {text}");
        }

        if (request.MustBeRejected && status < 400)
        {
            throw new XunitException($"{status}: unreadable input was accepted: {request}");
        }

        if (status == 400)
        {
            CheckProblem(request, response.Content.Headers.ContentType, body, text);
        }

        if (status < 300 && request.Method != HttpMethod.Get)
        {
            Remember(request.Path, body);
        }

        return (response.StatusCode, body);
    }

    /// <summary>Writes how many cases each family sent and the statuses they got.</summary>
    public void Report()
    {
        foreach (var (family, statuses) in _statuses.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{family}: {statuses.Values.Sum()} cases ({string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))})");
        }
    }

    private static void CheckProblem(MalformedRequest request, MediaTypeHeaderValue? contentType, JsonNode? body, string text)
    {
        if (contentType?.MediaType != "application/problem+json" || body is not JsonObject problem)
        {
            throw new XunitException($"400 without a ProblemDetails ({contentType}) for {request}: {text}");
        }

        var errors = problem["errors"] as JsonObject ?? [];
        var named = string.Join(" | ", errors.Select(e => $"{e.Key}: {e.Value?.ToJsonString()}").Append(problem["detail"]?.ToString() ?? ""));
        var namesAField = request.Fields.Count == 0
            ? errors.Any(e => e.Key is not ("" or "body")) || !string.IsNullOrWhiteSpace(problem["detail"]?.ToString())
            : request.Fields.Any(field => named.Contains(field, StringComparison.OrdinalIgnoreCase));
        if (!namesAField)
        {
            throw new XunitException($"400 naming none of [{string.Join(", ", request.Fields)}] for {request}: {text}");
        }
    }

    private void Remember(string path, JsonNode? body)
    {
        foreach (var segment in path.Split('?')[0].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            _touchedIds.TryAdd(Uri.UnescapeDataString(segment), 0);
        }

        foreach (var id in Ids(body))
        {
            _touchedIds.TryAdd(id, 0);
        }
    }

    /// <summary>The string values of every <c>id</c> or <c>…Id</c> property in an answer.</summary>
    private static IEnumerable<string> Ids(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p =>
            (p.Key == "id" || p.Key.EndsWith("Id", StringComparison.Ordinal)) && p.Value is JsonValue v && v.TryGetValue<string>(out var id)
                ? [id]
                : Ids(p.Value)),
        JsonArray array => array.SelectMany(Ids),
        _ => [],
    };

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private HttpClient Client(SweepCaller caller) => _clients.GetOrAdd(caller, c => c switch
    {
        SweepCaller.NdrcPlanner => factory.CreateClientFor("ndrc.planner"),
        SweepCaller.GuangdongStaff => factory.CreateClientFor("guangdong.staff"),
        SweepCaller.GuangdongLead => factory.CreateClientFor("guangdong.lead"),
        SweepCaller.GuangdongSystem => factory.CreateClientWithKey(GuangdongApiKey ?? throw new InvalidOperationException("no API key for the agency system yet")),
        _ => factory.CreateClient(),
    });
}
