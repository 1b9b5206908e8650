using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace AiPlusTasks.Host.Tests.Endpoints;

/// <summary>
/// A host whose seeded plan is rolled by hand, each roll done once however many tests ask for it: first to
/// <see cref="FirstRollPeriod"/> (version 2), then four concurrent rolls to <see cref="ConcurrentRollPeriod"/> (version 3).
/// Tests await the rolls they need, so they hold whatever order xunit runs them in.
/// </summary>
public sealed class PlanRollFixture : HostFactory
{
    public const string PlanId = "ai-plus-2025-2027";
    public const string FirstRollPeriod = "2027-Q1";
    public const string ConcurrentRollPeriod = "2027-Q2";
    public const int ConcurrentPosts = 4;

    private readonly Lazy<Task<Rolled>> _first;
    private readonly Lazy<Task<IReadOnlyList<Rolled>>> _concurrent;

    public PlanRollFixture()
    {
        _first = new(() => RollAsync(FirstRollPeriod));
        _concurrent = new(async () =>
        {
            await _first.Value;

            // 2027-Q2 may only be rolled once 2027-Q1 has begun (a roll goes at most one quarter ahead).
            Time.SetUtcNow(new DateTimeOffset(2027, 1, 2, 0, 0, 0, TimeSpan.Zero));
            return await Task.WhenAll(Enumerable.Range(0, ConcurrentPosts).Select(_ => Task.Run(() => RollAsync(ConcurrentRollPeriod))));
        });
    }

    /// <summary>The plan's roll route.</summary>
    public static string RollUri => $"/api/plans/{PlanId}/roll";

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Engine:WorkPollInterval"] = "00:00:00.050",
    };

    /// <summary>The response of the one roll to <see cref="FirstRollPeriod"/> as the NDRC planner.</summary>
    public Task<Rolled> RollToFirstPeriodAsync() => _first.Value;

    /// <summary>The responses of the <see cref="ConcurrentPosts"/> concurrent rolls to <see cref="ConcurrentRollPeriod"/> (after the first roll).</summary>
    public Task<IReadOnlyList<Rolled>> RollConcurrentlyAsync() => _concurrent.Value;

    private async Task<Rolled> RollAsync(string period)
    {
        var response = await CreateClientFor("ndrc.planner").PostAsJsonAsync(RollUri, new { period });
        var body = await response.Content.ReadAsStringAsync();
        return new Rolled(response.StatusCode, body, body.Length == 0 ? null : JsonNode.Parse(body));
    }

    /// <summary>One roll's status and body.</summary>
    public sealed record Rolled(HttpStatusCode Status, string Text, JsonNode? Body)
    {
        /// <summary>The body, after asserting a 200.</summary>
        public JsonNode Ok()
        {
            Assert.True(Status == HttpStatusCode.OK, $"expected 200 OK but got {(int)Status} {Status}: {Text}");
            return Body!;
        }
    }
}
