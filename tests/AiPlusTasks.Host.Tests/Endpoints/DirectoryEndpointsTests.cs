using System.Net;
using System.Text.Json.Nodes;

namespace AiPlusTasks.Host.Tests.Endpoints;

/// <summary><c>/api/agencies</c> and <c>/api/catalog</c>: the directory from <c>workflows/catalog</c>, for signed-in callers only.</summary>
public sealed class DirectoryEndpointsTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private static readonly string[] ProvinceLevelKinds = ["Province", "AutonomousRegion", "Municipality", "Corps"];

    private readonly HttpClient _client = factory.CreateClientFor("guangdong.staff");

    [Fact]
    public async Task ListAgencies_AllOnOnePage_Returns76WithMinistriesProvincesAndTheCorps()
    {
        // Act
        var page = await _client.GetJsonAsync("/api/agencies?pageSize=200");

        // Assert
        Assert.Equal(76, page["totalCount"].Int());
        var codes = Codes(page);
        Assert.Equal(76, codes.Count);
        Assert.Equal(76, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains("miit", codes);
        Assert.Contains("ndrc", codes);
        Assert.Contains("guangdong", codes);
        Assert.Contains("bingtuan", codes);
    }

    [Fact]
    public async Task ListAgencies_DefaultPaging_Returns50ThenTheRemaining26()
    {
        // Act
        var first = await _client.GetJsonAsync("/api/agencies");
        var second = await _client.GetJsonAsync("/api/agencies?page=2");

        // Assert
        Assert.Equal(50, first["pageSize"].Int());
        Assert.Equal(50, Codes(first).Count);
        Assert.Equal(2, second["pageNumber"].Int());
        Assert.Equal(26, Codes(second).Count);
        Assert.Equal(76, second["totalCount"].Int());
        Assert.Empty(Codes(first).Intersect(Codes(second)));
    }

    [Fact]
    public async Task ListAgencies_ProvincesOnly_Returns32ProvinceLevelUnits()
    {
        // Act
        var page = await _client.GetJsonAsync("/api/agencies?provinces=true&pageSize=200");

        // Assert
        Assert.Equal(32, page["totalCount"].Int());
        var items = page["items"]!.AsArray();
        Assert.Equal(32, items.Count);
        Assert.All(items, a => Assert.Contains(a!["kind"].Str(), ProvinceLevelKinds));
        Assert.Contains("guangdong", Codes(page));
        Assert.Contains("bingtuan", Codes(page));
        Assert.DoesNotContain("ndrc", Codes(page));
    }

    [Theory]
    [InlineData("ndrc", "Constituent")]
    [InlineData("guangdong", "Province")]
    [InlineData("bingtuan", "Corps")]
    public async Task ListAgencies_Any_SerializesKindAsItsName(string code, string kind)
    {
        // Act
        var page = await _client.GetJsonAsync("/api/agencies?pageSize=200");

        // Assert
        var agency = Assert.Single(page["items"]!.AsArray(), a => a!["code"].Str() == code);
        Assert.Equal(Quoted(kind), agency!["kind"]!.ToJsonString());
    }

    [Fact]
    public async Task ListAgencies_PageSizeTooLarge_Returns400NamingPageSize()
    {
        // Act
        var response = await _client.GetRawAsync("/api/agencies?pageSize=500");

        // Assert
        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["pageSize"], problem.ErrorKeys());
    }

    [Fact]
    public async Task GetCatalog_SignedIn_Returns6ActionsAnd8SupportsEachWithItems()
    {
        // Act
        var catalog = await _client.GetJsonAsync("/api/catalog");

        // Assert
        var actions = catalog["actions"]!.AsArray();
        var supports = catalog["supports"]!.AsArray();
        Assert.Equal(
            ["action.science", "action.industry", "action.consumption", "action.wellbeing", "action.governance", "action.global"],
            actions.Select(p => p!["code"].Str()));
        Assert.Equal(8, supports.Count);
        Assert.All(supports, p => Assert.StartsWith("support.", p!["code"].Str(), StringComparison.Ordinal));
        Assert.All(actions.Concat(supports), p =>
        {
            var items = p!["items"]!.AsArray();
            Assert.NotEmpty(items);
            Assert.All(items, i => Assert.Equal(p["code"].Str(), i!["pillarCode"].Str()));
        });
        Assert.All(actions, p => Assert.Equal("Action", p!["kind"].Str()));
    }

    [Theory]
    [InlineData("/api/agencies")]
    [InlineData("/api/catalog")]
    public async Task Directory_Anonymous_Returns401(string path)
    {
        // Arrange
        var anonymous = factory.CreateClient();

        // Act
        var response = await anonymous.GetRawAsync(path);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static List<string> Codes(JsonNode page) => [.. page["items"]!.AsArray().Select(a => a!["code"].Str())];

    private static string Quoted(string name) => $"\"{name}\"";
}
