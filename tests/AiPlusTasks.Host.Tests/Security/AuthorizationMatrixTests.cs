using System.Net;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlusTasks.Host.Tests.Security;

/// <summary>
/// The authorization matrix of <c>docs/security.md</c> against the Host: every route the Host maps has a row and every
/// row a route (a new route without a row fails here), and every route answers every role as its row says — for the
/// own agency's thing, another agency's and a missing one, the last two alike (no answer tells another agency's thing
/// from one that does not exist). Pages: <c>PageApiParityTests</c>.
/// </summary>
[Trait("Category", "Security")]
public sealed class AuthorizationMatrixTests(MatrixFixture fixture) : IClassFixture<MatrixFixture>
{
    private static readonly AuthorizationMatrix Matrix = AuthorizationMatrix.Load();
    private static readonly string[] SeesEveryAgency = ["ndrc-planner", "ndrc-supervisor", "auditor"];

    /// <summary>Every route row with every role.</summary>
    public static TheoryData<string, string> Cells()
    {
        var cells = new TheoryData<string, string>();
        foreach (var row in AuthorizationMatrix.Load().Rows.Where(r => !r.StartsWith("PAGE ", StringComparison.Ordinal)))
        {
            foreach (var role in AuthorizationMatrix.Roles)
            {
                cells.Add(row, role);
            }
        }

        return cells;
    }

    [Fact]
    public void EveryRouteOfTheHost_HasAMatrixRow_AndEveryRowARoute()
    {
        // Arrange
        _ = fixture.CreateClient();
        var routes = fixture.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<StaticAssetDescriptor>() is null)
            .Select(RowOf)
            .ToHashSet(StringComparer.Ordinal);
        var rows = Matrix.Rows.Select(r => r.Split('#')[0]).ToHashSet(StringComparer.Ordinal);

        // Act
        var withoutRow = routes.Except(rows).Order(StringComparer.Ordinal).ToList();
        var withoutRoute = rows.Except(routes).Order(StringComparer.Ordinal).ToList();

        // Assert
        Assert.True(withoutRow.Count == 0, $"routes without a row in docs/security.md's authorization matrix: {string.Join(", ", withoutRow.Select(r => $"`{r}`"))}");
        Assert.True(withoutRoute.Count == 0, $"matrix rows naming no route of the Host: {string.Join(", ", withoutRoute.Select(r => $"`{r}`"))}");
    }

    [Fact]
    public void EveryRouteRow_HasAProbe()
    {
        var withoutProbe = Matrix.Rows.Where(r => !r.StartsWith("PAGE ", StringComparison.Ordinal) && !MatrixProbes.All.ContainsKey(r)).ToList();
        var stale = MatrixProbes.All.Keys.Where(k => !Matrix.Rows.Contains(k)).ToList();

        Assert.True(withoutProbe.Count == 0, $"matrix rows without a probe in MatrixProbes: {string.Join(", ", withoutProbe)}");
        Assert.True(stale.Count == 0, $"probes of no matrix row: {string.Join(", ", stale)}");
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Route_AsEachRole_AnswersAsTheMatrixSays(string row, string role)
    {
        // Arrange
        var access = Matrix.Access(row, role);
        var probe = MatrixProbes.All[row];
        var client = await fixture.ApiClientAsync(role);
        MatrixScope[] scopes = !probe.Scoped ? [MatrixScope.None]
            : role == "anonymous" ? [MatrixScope.Other]
            : MatrixFixture.IsAgencyRole(role) ? [MatrixScope.Own, MatrixScope.Other, MatrixScope.Missing]
            : [MatrixScope.Other, MatrixScope.Missing];

        // Act
        var answers = new Dictionary<MatrixScope, (HttpStatusCode Status, bool Succeeded, bool SignIn, string Text)>();
        foreach (var scope in scopes)
        {
            using var response = await probe.Send(new MatrixProbeContext(fixture, role, scope, client));
            var body = await response.Content.ReadAsStringAsync();
            answers[scope] = (
                response.StatusCode,
                probe.IsSuccess(response) && !MatrixProbes.IsRefused(response),
                response.StatusCode == HttpStatusCode.Unauthorized || MatrixProbes.IsSignInChallenge(response),
                $"{(int)response.StatusCode} {response.Headers.Location} {body[..Math.Min(body.Length, 300)]}");
        }

        // Assert
        var failures = new List<string>();
        foreach (var (scope, (status, succeeded, signIn, text)) in answers)
        {
            var expected = Expected(access, scope);
            var ok = expected switch
            {
                "success" => succeeded,
                "404" => status == HttpStatusCode.NotFound,
                "403" => status == HttpStatusCode.Forbidden,
                "403 or 404" => status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound,
                _ => signIn,
            };
            if (!ok)
            {
                failures.Add($"{scope}: expected {expected}, got {text}");
            }
        }

        // Only for callers who may not see the other thing: NDRC planners, supervisors and auditors see every agency's.
        if (!SeesEveryAgency.Contains(role)
            && answers.TryGetValue(MatrixScope.Other, out var other) && answers.TryGetValue(MatrixScope.Missing, out var missing) && !other.Succeeded && other.Status != missing.Status)
        {
            failures.Add($"another agency's thing answered {(int)other.Status}, a missing one {(int)missing.Status}: the answer tells them apart");
        }

        Assert.True(failures.Count == 0, $"`{row}` as {role} (matrix: {access}):\n{string.Join("\n", failures)}");
    }

    /// <summary>What a cell means for one scope: success, 404, 403, "403 or 404" or "sign-in".</summary>
    private static string Expected(MatrixAccess access, MatrixScope scope) => (access, scope) switch
    {
        (MatrixAccess.SignIn, _) => "sign-in",
        (_, MatrixScope.Missing) when access != MatrixAccess.Refused => "404",
        (MatrixAccess.Allowed, _) => "success",
        (MatrixAccess.Own, MatrixScope.None or MatrixScope.Own) => "success",
        (MatrixAccess.Own, _) => "404",
        (MatrixAccess.Refused, MatrixScope.None or MatrixScope.Own) => "403",
        (MatrixAccess.Refused, _) => "403 or 404",
        _ => throw new ArgumentOutOfRangeException(nameof(access)),
    };

    /// <summary>A route's row: <c>PAGE /path</c> for a page, else its methods (HEAD left out; none: ANY) and pattern.</summary>
    private static string RowOf(RouteEndpoint endpoint)
    {
        // A group's own route ends in "/" (GET /api/tasks/); Blazor's hub routes are written as mapped.
        var pattern = endpoint.RoutePattern.RawText ?? "";
        pattern = pattern.Length > 1 && pattern.StartsWith("/api/", StringComparison.Ordinal) ? pattern.TrimEnd('/') : pattern;

        if (endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
        {
            return $"PAGE {pattern}";
        }

        var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Where(m => m != "HEAD").ToList();
        return $"{(methods is { Count: > 0 } ? string.Join(",", methods) : "ANY")} {pattern}";
    }
}
