using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace AiPlusTasks.Reliability.Tests;

/// <summary>
/// The load the reliability tests put on Host nodes, through the public HTTP API only. Its workflow, the probe:
/// Start → WriteLine → Delay (a persisted timer) → HumanTask for guangdong → WriteLine → End. Every logical start
/// <c>i</c> carries its own correlation id (<see cref="CorrelationId"/>) and <c>Idempotency-Key</c>; a start whose
/// node died is retried with the same key on whichever node is up. A retry refused because the dead node's
/// reservation is still "in flight" (IdempotencyStore.InFlightLease, 5 minutes) is settled the way a client would:
/// by looking the correlation id up, adopting the instance when the first attempt committed, else starting it under
/// a new key. Tasks are completed by listing guangdong's open tasks of this run and completing each one.
/// </summary>
public sealed class Workload
{
    private const string TaskActivity = "report1";
    private readonly TimeSpan _delay;
    private readonly string _runId = Guid.NewGuid().ToString("N")[..10];
    private int _acknowledged;
    private int _replayed;
    private int _retriedAfterFailure;
    private int _adopted;
    private int _rekeyed;
    private readonly ConcurrentDictionary<int, int> _completionStatuses = new();
    private int _tasksCompleted;
    private int _resumeRaces;
    private int _racesWithOneWinner;
    private TimeSpan _startingTook;
    private TimeSpan _completingTook;

    /// <param name="delay">How long the probe's Delay waits: its timer fires this long after each start.</param>
    public Workload(TimeSpan delay) => _delay = delay;

    /// <summary>What every probe's journal must be, in order, once it finished: one resume per timer and per task.</summary>
    public static IReadOnlyList<(string ActivityId, string Event)> ExpectedJournal { get; } =
    [
        ("start1", "Completed"), ("started1", "Completed"),
        ("delay1", "Suspended"), ("delay1", "Resumed"), ("delay1", "Completed"),
        (TaskActivity, "Suspended"), (TaskActivity, "Resumed"), (TaskActivity, "Completed"),
        ("done1", "Completed"), ("end1", "Completed"), ("flowchart1", "Completed"),
    ];

    /// <summary>The outbox events every finished probe has, once each.</summary>
    public static IReadOnlyList<string> ExpectedEvents { get; } = ["task.created", "task.completed", "instance.finished"];

    public string DefinitionId => $"reliability-probe-{_runId}";

    /// <summary>Tasks completed so far.</summary>
    public int TasksCompleted => Volatile.Read(ref _tasksCompleted);

    /// <summary>Logical starts acknowledged so far (201, first time, replayed or adopted).</summary>
    public int Acknowledged => Volatile.Read(ref _acknowledged);

    public string CorrelationId(int index) => $"{_runId}-{index:D5}";

    /// <summary>Imports and publishes the probe (as an NDRC planner).</summary>
    public async Task ImportAsync(HttpClient planner)
    {
        await ExpectAsync(await planner.PostAsync(new Uri("/api/workflow-definitions", UriKind.Relative), new StringContent(Definition().ToJsonString(), Encoding.UTF8, "application/json")), HttpStatusCode.Created);
        await ExpectAsync(await planner.PostAsync(new Uri($"/api/workflow-definitions/{DefinitionId}/publish", UriKind.Relative), null), HttpStatusCode.OK);
    }

    /// <summary>
    /// Starts probes <c>0 … count-1</c>, <paramref name="concurrency"/> at a time, each through the planner client
    /// <paramref name="planner"/> returns at that moment (a node may die meanwhile: calls to it fail and are retried);
    /// returns once every start was acknowledged.
    /// </summary>
    public async Task StartAsync(int count, Func<HttpClient> planner, int concurrency = 16)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = concurrency };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), options, async (index, _) => await StartOneAsync(index, planner));
        _startingTook = clock.Elapsed;
    }

    /// <summary>
    /// Completes every open task of this run until <paramref name="count"/> were completed and none is left open. Each
    /// task is completed through every client <paramref name="through"/> returns at that moment (guangdong staff, one
    /// per node) at once: with two, the two resumes of its bookmark race, and exactly one may win. A node may die
    /// meanwhile: a completion it did not answer counts once the task reads as completed, else it is sent again.
    /// </summary>
    public async Task CompleteTasksAsync(int count, Func<IReadOnlyList<HttpClient>> through, TimeSpan timeout, int concurrency = 16)
    {
        var deadline = DateTime.UtcNow + timeout;
        var options = new ParallelOptions { MaxDegreeOfParallelism = concurrency };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (await OpenTaskIdsAsync(through()[0]) is not { } open)
            {
                await RetryLaterAsync();
                continue;
            }

            if (open.Count == 0)
            {
                if (Volatile.Read(ref _tasksCompleted) >= count)
                {
                    _completingTook = clock.Elapsed;
                    return;
                }

                Assert.True(DateTime.UtcNow < deadline, $"timed out after {timeout.TotalSeconds:0} s: {_tasksCompleted} of {count} tasks completed, none open");
                await Task.Delay(200);
                continue;
            }

            await Parallel.ForEachAsync(open, options, async (taskId, _) => await CompleteOneAsync(taskId, through));
        }
    }

    /// <summary>The start and completion figures, one line each.</summary>
    public string Figures() =>
        $"starts: {_startingTook.TotalSeconds:0.0} s, acknowledged {_acknowledged} (replayed {_replayed}, adopted after an in-flight 409 {_adopted}, started under a new key {_rekeyed}), " +
        $"attempts retried after a dead node or 5xx {_retriedAfterFailure}{Environment.NewLine}" +
        $"tasks: {_completingTook.TotalSeconds:0.0} s (from the first waiting), completed {_tasksCompleted}; completion answers {string.Join(", ", _completionStatuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}" +
        (_resumeRaces > 0 ? $"; races of two resumes of one bookmark {_resumeRaces}, with exactly one winner {_racesWithOneWinner}" : "");

    /// <summary>Checks the answers to task completions: never a 5xx, and in races exactly one winner each.</summary>
    public void AssertCompletionAnswersClean()
    {
        Assert.True(_completionStatuses.Keys.All(s => s is 200 or 404 or 409), $"completion answers other than 200/404/409: {Figures()}");
        Assert.Equal(_resumeRaces, _racesWithOneWinner);
    }

    private async Task StartOneAsync(int index, Func<HttpClient> planner)
    {
        var correlationId = CorrelationId(index);
        var key = $"{correlationId}-start";
        for (var rekeys = 0; ; )
        {
            var client = planner();
            HttpResponseMessage response;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/workflow-instances", UriKind.Relative))
                {
                    Content = JsonContent.Create(new { definitionId = DefinitionId, correlationId }),
                };
                request.Headers.Add("Idempotency-Key", key);
                response = await client.SendAsync(request);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                await RetryLaterAsync();
                continue;
            }

            using (response)
            {
                switch ((int)response.StatusCode)
                {
                    case 201:
                        if (response.Headers.Contains("Idempotent-Replayed"))
                        {
                            Interlocked.Increment(ref _replayed);
                        }

                        Interlocked.Increment(ref _acknowledged);
                        return;
                    case 409 when (await response.Content.ReadAsStringAsync()).Contains("in flight", StringComparison.Ordinal):
                        if (await InstanceExistsAsync(client, correlationId))
                        {
                            Interlocked.Increment(ref _adopted);
                            Interlocked.Increment(ref _acknowledged);
                            return;
                        }

                        Interlocked.Increment(ref _rekeyed);
                        key = $"{correlationId}-start-{++rekeys}";
                        continue;
                    case >= 500:
                        await RetryLaterAsync();
                        continue;
                    default:
                        Assert.Fail($"start {correlationId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                        return;
                }
            }
        }
    }

    private async Task RetryLaterAsync()
    {
        Interlocked.Increment(ref _retriedAfterFailure);
        await Task.Delay(250);
    }

    private async Task<bool> InstanceExistsAsync(HttpClient planner, string correlationId)
    {
        var page = await GetJsonAsync(planner, $"/api/workflow-instances?definitionId={DefinitionId}&correlationId={correlationId}");
        return page["totalCount"]!.GetValue<int>() > 0;
    }

    /// <summary>Up to 200 open tasks of this run; null when the node did not answer.</summary>
    private async Task<IReadOnlyList<string>?> OpenTaskIdsAsync(HttpClient staff)
    {
        try
        {
            var page = await GetJsonAsync(staff, $"/api/tasks?view=open&q={_runId}&pageSize=200");
            return [.. page["items"]!.AsArray().Select(t => t!["id"]!.GetValue<string>())];
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>Whether the task reads as completed; null when the node did not answer.</summary>
    private static async Task<bool?> IsCompletedAsync(HttpClient staff, string taskId)
    {
        try
        {
            return (await GetJsonAsync(staff, $"/api/tasks/{taskId}"))["summary"]!["state"]!.GetValue<string>() == "Completed";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    private async Task CompleteOneAsync(string taskId, Func<IReadOnlyList<HttpClient>> clients)
    {
        while (true)
        {
            var through = clients();
            var answers = await Task.WhenAll(through.Select(client => TryCompleteAsync(client, taskId)));
            foreach (var status in answers.OfType<int>())
            {
                _completionStatuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            }

            if (through.Count > 1)
            {
                Interlocked.Increment(ref _resumeRaces);
                if (answers.Count(a => a == 200) == 1)
                {
                    Interlocked.Increment(ref _racesWithOneWinner);
                }
            }

            if (answers.Contains(200))
            {
                Interlocked.Increment(ref _tasksCompleted);
                return;
            }

            // No answer (a node went away) or all refused: completed already by an attempt whose answer was lost?
            if (await IsCompletedAsync(through[0], taskId) == true)
            {
                Interlocked.Increment(ref _tasksCompleted);
                return;
            }

            await RetryLaterAsync();
        }
    }

    /// <summary>The status of one completion through one node; null when the node did not answer.</summary>
    private static async Task<int?> TryCompleteAsync(HttpClient staff, string taskId)
    {
        try
        {
            using var response = await staff.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "Done" });
            return IsStarting(response) ? null : (int)response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    private static async Task<JsonNode> GetJsonAsync(HttpClient client, string uri)
    {
        var response = await client.GetAsync(new Uri(uri, UriKind.Relative));
        return IsStarting(response)
            ? throw new HttpRequestException($"GET {uri}: the node is still starting", null, response.StatusCode)
            : await ExpectAsync(response, HttpStatusCode.OK);
    }

    /// <summary>
    /// A node restarted after a kill listens before it is ready and answers 503 with Retry-After until then
    /// (docs/decisions/020): like a node that does not answer yet, not an answer to count.
    /// </summary>
    private static bool IsStarting(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null;

    private static async Task<JsonNode> ExpectAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)expected} but got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? JsonValue.Create("")! : JsonNode.Parse(body)!;
    }

    private JsonObject Definition() => new()
    {
        ["definitionId"] = DefinitionId,
        ["name"] = "Reliability probe",
        ["version"] = 1,
        ["isLatest"] = true,
        ["isPublished"] = false,
        ["variables"] = new JsonArray(),
        ["inputs"] = new JsonArray(),
        ["outputs"] = new JsonArray(),
        ["root"] = new JsonObject
        {
            ["id"] = "flowchart1",
            ["type"] = "Elsa.Flowchart",
            ["version"] = 1,
            ["activities"] = new JsonArray(
                Activity("start1", "Elsa.Start"),
                Activity("started1", "Elsa.WriteLine", ("text", "String", "started")),
                Activity("delay1", "Elsa.Delay", ("timeSpan", "TimeSpan", _delay.ToString("c", System.Globalization.CultureInfo.InvariantCulture))),
                Activity(TaskActivity, "AiPlus.HumanTask", ("title", "String", $"probe {_runId}"), ("assigneeAgency", "String", "guangdong"), ("outcomes", "String", "Done")),
                Activity("done1", "Elsa.WriteLine", ("text", "String", "done")),
                Activity("end1", "Elsa.End")),
            ["connections"] = new JsonArray(
                Connection("start1", "started1"), Connection("started1", "delay1"), Connection("delay1", TaskActivity),
                Connection(TaskActivity, "done1"), Connection("done1", "end1")),
            ["metadata"] = new JsonObject(),
        },
    };

    private static JsonObject Activity(string id, string type, params (string Name, string TypeName, string Value)[] literals)
    {
        var activity = new JsonObject { ["id"] = id, ["type"] = type, ["version"] = 1 };
        foreach (var (name, typeName, value) in literals)
        {
            activity[name] = new JsonObject { ["typeName"] = typeName, ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value } };
        }

        return activity;
    }

    private static JsonObject Connection(string from, string to) => new()
    {
        ["source"] = new JsonObject { ["activity"] = from, ["port"] = "Done" },
        ["target"] = new JsonObject { ["activity"] = to, ["port"] = "In" },
    };
}
