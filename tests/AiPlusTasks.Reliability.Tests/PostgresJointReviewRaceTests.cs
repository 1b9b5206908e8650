using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static AiPlusTasks.Tests.Shared.Wf;

namespace AiPlusTasks.Reliability.Tests;

/// <summary>
/// Issue 20: two reviewers of one joint review decide at the same instant, each through another Host node on one
/// PostgreSQL database. Every review gets one outcome, recorded once; a decision that lost to a decided review is a 409
/// and is recorded nowhere.
/// </summary>
public sealed class PostgresJointReviewRaceTests(ITestOutputHelper output)
{
    private const int Reviews = 30;

    [PostgresFact]
    public async Task TwoNodes_TwoReviewersDecideAtOnce_EveryReviewHasOneOutcome()
    {
        await using var nodes = new HostNodes(await PostgresTestDatabase.CreateAsync(), output);
        await nodes.RunAsync(async () =>
        {
            // Arrange: one review of miit's and most's leads per case, in three rules.
            var clock = Stopwatch.StartNew();
            var a = await nodes.StartAsync("a");
            var b = await nodes.StartAsync("b");
            var planner = await a.SignInAsync();
            var miit = await a.SignInAsync("miit.lead");
            var most = await b.SignInAsync("most.lead");
            var races = new List<Race>();
            foreach (var (mode, mostSays) in new[] { ("any", "Approved"), ("all", "Approved"), ("all", "Returned") })
            {
                var definitionId = await PublishAsync(planner, mode);
                for (var i = 0; i < Reviews; i++)
                {
                    races.Add(await StartAsync(planner, definitionId, mode, mostSays));
                }
            }

            // Act: both decisions of a review leave together, miit's through node a and most's through node b.
            await Parallel.ForEachAsync(races, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (race, _) =>
            {
                var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var miitDecides = DecideAsync(miit, race.MiitTask, "Approved", gate.Task);
                var mostDecides = DecideAsync(most, race.MostTask, race.MostSays, gate.Task);
                gate.SetResult();
                (race.MiitAnswer, race.MostAnswer) = (await miitDecides, await mostDecides);
            });

            // Assert
            var completedEvents = await CompletedEventsAsync(nodes.Database);
            foreach (var race in races)
            {
                var instance = await GetJsonAsync(planner, $"/api/workflow-instances/{race.InstanceId}");
                var review = await GetJsonAsync(planner, $"/api/reviews/{race.ReviewId}");
                var states = review["reviewers"]!.AsArray().ToDictionary(r => r!["agency"]!.GetValue<string>(), r => r!["state"]!.GetValue<string>());
                var what = $"{race.Mode}/{race.MostSays} review {race.ReviewId}: answers miit {(int)race.MiitAnswer}, most {(int)race.MostAnswer}, reviewers {string.Join(", ", states)}";
                Assert.True(instance["status"]!.GetValue<string>() == "Finished", what);
                Assert.True(completedEvents.GetValueOrDefault(race.InstanceId) == 1, $"{what}: {completedEvents.GetValueOrDefault(race.InstanceId)} review.completed events");

                // A 200 is a recorded decision; a 409 is a reviewer the decided review cancelled.
                Assert.True(States(race.MiitAnswer, "Approved") == states["miit"], what);
                Assert.True(States(race.MostAnswer, race.MostSays) == states["most"], what);
                var expected = race switch
                {
                    { Mode: "any" } => "Approved",
                    { MostSays: "Returned" } => "Returned",
                    _ => "Approved",
                };
                Assert.True(review["state"]!.GetValue<string>() == expected, what);
                Assert.True(race.Mode != "any" || new[] { race.MiitAnswer, race.MostAnswer }.Count(s => s == HttpStatusCode.OK) == 1, what);
                Assert.True(race is not { Mode: "all", MostSays: "Approved" } || (race.MiitAnswer, race.MostAnswer) == (HttpStatusCode.OK, HttpStatusCode.OK), what);
            }

            output.WriteLine($"PostgreSQL, two nodes: {races.Count} joint reviews, two reviewers deciding at once through different nodes, run {clock.Elapsed.TotalSeconds:0.0} s");
            output.WriteLine(string.Join("; ", races.GroupBy(r => $"{r.Mode}/{r.MostSays}").Select(g =>
                $"{g.Key}: " + string.Join(", ", g.GroupBy(r => $"{(int)r.MiitAnswer}+{(int)r.MostAnswer}").Select(x => $"{x.Key}×{x.Count()}")))));
        });
    }

    private static string States(HttpStatusCode answer, string decision) => answer switch
    {
        HttpStatusCode.OK => decision,
        HttpStatusCode.Conflict => "Cancelled",
        _ => $"unexpected answer {(int)answer}",
    };

    private static async Task<string> PublishAsync(HttpClient planner, string mode)
    {
        var definitionId = $"review-race-{mode}-{Guid.NewGuid():N}"[..40];
        var review = A(
            "review1",
            "AiPlus.Review",
            ("title", Lit("会签：并发检查")),
            ("reviewers", Obj("""[{"agency":"miit","role":"lead"},{"agency":"most","role":"lead"}]""")),
            ("mode", Lit(mode)),
            ("ownerAgency", Lit("miit")));
        var definition = Definition(definitionId, [review, WriteLine("approved", "approved"), WriteLine("returned", "returned")], ["review1:Approved->approved", "review1:Returned->returned"]);
        (await planner.PostAsync(new Uri("/api/workflow-definitions", UriKind.Relative), new StringContent(definition, System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        (await planner.PostAsync(new Uri($"/api/workflow-definitions/{definitionId}/publish", UriKind.Relative), null)).EnsureSuccessStatusCode();
        return definitionId;
    }

    private static async Task<Race> StartAsync(HttpClient planner, string definitionId, string mode, string mostSays)
    {
        var started = await planner.PostAsJsonAsync("/api/workflow-instances", new { definitionId });
        started.EnsureSuccessStatusCode();
        var instance = (await started.Content.ReadFromJsonAsync<JsonObject>())!;
        var tasks = new Dictionary<string, string>();
        string? reviewId = null;
        foreach (var bookmark in instance["bookmarks"]!.AsArray().Where(b => b!["kind"]!.GetValue<string>() == "HumanTask"))
        {
            var task = await GetJsonAsync(planner, $"/api/tasks/{bookmark!["key"]!.GetValue<string>()}");
            tasks[task["summary"]!["agencyCode"]?.GetValue<string>() ?? task["summary"]!["agency"]!.GetValue<string>()] = task["summary"]!["id"]!.GetValue<string>();
            reviewId = task["reviews"]![0]!["id"]!.GetValue<string>();
        }

        return new Race(instance["id"]!.GetValue<string>(), reviewId!, mode, mostSays, tasks["miit"], tasks["most"]);
    }

    private static async Task<HttpStatusCode> DecideAsync(HttpClient client, string taskId, string outcome, Task gate)
    {
        await gate;
        var data = outcome == "Returned" ? new JsonObject { ["reason"] = "并发退回" } : [];
        var response = await client.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome, data });
        return response.StatusCode;
    }

    /// <summary>How many review.completed events each instance has in the outbox.</summary>
    private static async Task<Dictionary<string, int>> CompletedEventsAsync(TestDatabase database)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "InstanceId", COUNT(*) FROM "Outbox" WHERE "Type" = 'review.completed' GROUP BY "InstanceId" """;
        var counts = new Dictionary<string, int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            counts[reader.GetString(0)] = Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
        }

        return counts;
    }

    private static async Task<JsonNode> GetJsonAsync(HttpClient client, string uri)
    {
        var response = await client.GetAsync(new Uri(uri, UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode, $"GET {uri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    /// <summary>One review and how its two decisions were answered.</summary>
    private sealed record Race(string InstanceId, string ReviewId, string Mode, string MostSays, string MiitTask, string MostTask)
    {
        public HttpStatusCode MiitAnswer { get; set; }

        public HttpStatusCode MostAnswer { get; set; }
    }
}
