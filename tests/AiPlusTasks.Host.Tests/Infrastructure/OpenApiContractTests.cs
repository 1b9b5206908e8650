using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using AiPlusTasks.Host.Contract;
using AiPlusTasks.Host.Tests.Security;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlusTasks.Host.Tests.Infrastructure;

/// <summary>
/// The OpenAPI contract (docs/decisions/034): lint-clean under the repository's <c>redocly.yaml</c>, complete (every
/// mapped <c>/api</c> route), truthful about credentials (the authorization matrix's anonymous and agency-system
/// columns, and a live call with each credential), and equal to its committed copy <c>src/Client/openapi.json</c>,
/// from which the C# client is generated. Set <c>AIPLUSTASKS_REFRESH_OPENAPI=1</c> to rewrite the copy.
/// </summary>
public sealed class OpenApiContractTests(HostFactory factory) : IClassFixture<HostFactory>
{
    /// <summary>Redocly CLI 2 wants Node.js 20.19 or later.</summary>
    private const string RedoclyCli = "@redocly/cli@2.77.0";

    /// <summary>
    /// The last Redocly CLI for older Node.js, such as Debian 12's own (18.19, which <c>./test.sh</c> installs where Node.js
    /// is missing). Its recommended rules are a subset of version 2's; the document is clean under both.
    /// </summary>
    private const string RedoclyCliForOlderNode = "@redocly/cli@1.34.20";

    private static readonly Version OldestNodeForRedocly2 = new(20, 19);
    private const string RefreshVariable = "AIPLUSTASKS_REFRESH_OPENAPI";

    private static readonly string CommittedCopy = Path.Combine(RepositoryPaths.Root, "src", "Client", "openapi.json");

    [Fact]
    public async Task Document_LintedWithTheRepositoryRules_HasNoProblems()
    {
        // Arrange
        var file = Path.Combine(Path.GetTempPath(), $"aiplustasks-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, await FetchAsync());

        try
        {
            // Act
            var (_, nodeVersion) = await RunAsync("node", "--version");
            var redocly = Version.Parse(nodeVersion.Trim().TrimStart('v')) >= OldestNodeForRedocly2 ? RedoclyCli : RedoclyCliForOlderNode;
            var (exitCode, output) = await RunAsync("npx", "-y", redocly, "lint", "--config", Path.Combine(RepositoryPaths.Root, "redocly.yaml"), file);

            // Assert
            Assert.True(exitCode == 0, $"redocly lint failed (exit {exitCode}):\n{output}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Document_ComparedWithTheMappedRoutes_ListsEveryApiRouteAndNothingElse()
    {
        // Arrange
        var mapped = MappedApiOperations().ToHashSet(StringComparer.Ordinal);

        // Act
        var documented = Operations(JsonNode.Parse(await FetchAsync())!).Select(o => o.Key).ToHashSet(StringComparer.Ordinal);

        // Assert
        Assert.Empty(mapped.Except(documented).Order(StringComparer.Ordinal));
        Assert.Empty(documented.Except(mapped).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Security_OfEveryOperation_MatchesTheAuthorizationMatrix()
    {
        // Arrange
        var matrix = AuthorizationMatrix.Load();
        var rows = matrix.Rows.ToDictionary(WithoutConstraints, r => r, StringComparer.Ordinal);

        // Act
        var operations = Operations(JsonNode.Parse(await FetchAsync())!);

        // Assert
        var wrong = new List<string>();
        foreach (var (key, operation) in operations)
        {
            var row = rows.TryGetValue(key, out var found) ? found : throw new KeyNotFoundException($"docs/security.md has no matrix row for `{key}`");
            var schemes = Schemes(operation);
            var anonymous = matrix.Access(row, "anonymous") == MatrixAccess.Allowed;
            var systems = matrix.Access(row, "agency-system") != MatrixAccess.Refused;
            if (anonymous != (schemes.Count == 0) || (!anonymous && (!schemes.Contains(CallerSchemes.Bearer) || systems != schemes.Contains(CallerSchemes.ApiKey))))
            {
                wrong.Add($"{key}: the document lists [{string.Join(", ", schemes)}]; the matrix says anonymous {matrix.Access(row, "anonymous")}, agency-system {matrix.Access(row, "agency-system")}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Theory]
    [InlineData("/api/tasks")]
    [InlineData("/api/plans")]
    public async Task Security_OfARoute_IsWhatTheHostAccepts(string path)
    {
        // Arrange
        var operation = Operations(JsonNode.Parse(await FetchAsync())!).Single(o => o.Key == $"GET {path}").Value;
        var (key, _) = await factory.CreateClientFor("ndrc.planner").CreateApiKeyAsync($"contract-{Guid.NewGuid():N}"[..20]);

        // Act
        var withBearer = await factory.CreateClientFor("ndrc.planner").GetAsync(new Uri(path, UriKind.Relative));
        var withKey = await factory.CreateClientWithKey(key).GetAsync(new Uri(path, UriKind.Relative));
        var withNothing = await factory.CreateClient().GetAsync(new Uri(path, UriKind.Relative));

        // Assert
        var schemes = Schemes(operation);
        Assert.Equal(schemes.Contains(CallerSchemes.Bearer), withBearer.IsSuccessStatusCode);
        Assert.Equal(schemes.Contains(CallerSchemes.ApiKey) ? HttpStatusCode.OK : HttpStatusCode.Forbidden, withKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withNothing.StatusCode);
    }

    [Fact]
    public async Task Examples_OfEveryNamedOperation_AreInTheDocument()
    {
        // Arrange
        var operations = Operations(JsonNode.Parse(await FetchAsync())!).ToDictionary(o => o.Value["operationId"]!.GetValue<string>(), o => o.Value);

        // Act
        var missing = BodyExamples.Requests
            .Where(e => operations.GetValueOrDefault(e.Key)?["requestBody"]?["content"]?["application/json"]?["examples"] is not JsonObject examples || examples.Count != e.Value.Count)
            .Select(e => e.Key)
            .Concat(BodyExamples.Responses.Keys.Where(id => operations.GetValueOrDefault(id)?["responses"]?.AsObject().First(r => r.Key.StartsWith('2')).Value?["content"]?["application/json"]?["example"] is null));

        // Assert
        Assert.Empty(missing);
    }

    [Fact]
    public async Task CommittedCopy_ComparedWithTheLiveDocument_IsEqual()
    {
        // Arrange
        var live = Canonical(await FetchAsync());
        if (Environment.GetEnvironmentVariable(RefreshVariable) == "1")
        {
            await File.WriteAllTextAsync(CommittedCopy, live);
        }

        // Act
        var committed = File.Exists(CommittedCopy) ? await File.ReadAllTextAsync(CommittedCopy) : "";

        // Assert
        Assert.True(
            committed == live,
            $"src/Client/openapi.json differs from the Host's /openapi/v1.json. If the API change is intended, refresh the copy with " +
            $"`{RefreshVariable}=1 dotnet test tests/AiPlusTasks.Host.Tests --filter FullyQualifiedName~OpenApiContractTests`, regenerate the client and commit both.");
    }

    private async Task<string> FetchAsync()
    {
        var response = await factory.CreateClient().GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>
    /// The committed form: every object's keys in ordinal order, two-space indentation, Chinese as itself, a final
    /// newline, so the copy diffs well and does not move when routes are mapped in another order.
    /// </summary>
    private static string Canonical(string json) =>
        Sorted(JsonNode.Parse(json))!.ToJsonString(new System.Text.Json.JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }) + "\n";

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Sorted)]),
        _ => node?.DeepClone(),
    };

    /// <summary>Each operation of the document as <c>METHOD /path</c>.</summary>
    private static IEnumerable<KeyValuePair<string, JsonObject>> Operations(JsonNode document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Select(method => KeyValuePair.Create($"{method.Key.ToUpperInvariant()} {path.Key}", method.Value!.AsObject())));

    /// <summary>The schemes of an operation's security requirements (each one enough on its own).</summary>
    private static List<string> Schemes(JsonObject operation) =>
        [.. (operation["security"]?.AsArray() ?? []).SelectMany(r => r!.AsObject().Select(s => s.Key))];

    /// <summary>Every route mapped under <c>/api</c> that is meant for the document, as <c>METHOD /path</c>.</summary>
    private IEnumerable<string> MappedApiOperations() =>
        factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => WithoutConstraints($"{m} {e.RoutePattern.RawText!.TrimEnd('/')}")));

    /// <summary><c>GET /api/plans/{planId}/versions/{number:int}</c> → <c>GET /api/plans/{planId}/versions/{number}</c>, as the document writes paths.</summary>
    private static string WithoutConstraints(string route) => System.Text.RegularExpressions.Regex.Replace(route, @"\{(\w+)(:[^}]*)\}", "{$1}");

    private static async Task<(int ExitCode, string Output)> RunAsync(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
