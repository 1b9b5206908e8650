using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace AiPlusTasks.Reliability.Tests;

/// <summary>
/// Issue 21: kill -9 the single SQLite node in the middle of a 10,000-item bulk reassignment, restart it on the same
/// file: the job finishes, and each task was reassigned exactly once (one <c>Reassigned</c> entry in its history).
/// </summary>
public sealed class BulkJobKillTests(ITestOutputHelper output)
{
    private const int Items = 10_000;

    [Fact]
    public async Task SingleNode_KilledMidBulkJob_Restarted_FinishesAndReassignsEachTaskOnce()
    {
        // A short claim lease, so the batch the dead node held is claimed again soon after the restart.
        await using var nodes = new HostNodes(new SqliteTestDatabase(), output, new Dictionary<string, string> { ["Engine:WorkClaimLease"] = "00:00:05" });
        await nodes.RunAsync(async () =>
        {
            // Arrange: 10,000 open tasks of guangdong (the probe's human task, after its short delay).
            var clock = Stopwatch.StartNew();
            var node = await nodes.StartAsync("a");
            var planner = await node.SignInAsync();
            var workload = new Workload(delay: TimeSpan.FromMilliseconds(200));
            await workload.ImportAsync(planner);
            await workload.StartAsync(Items, () => planner);
            var request = new JsonObject
            {
                ["operation"] = "reassign",
                ["filter"] = new JsonObject { ["agency"] = "guangdong" },
                ["parameters"] = new JsonObject { ["agency"] = "hubei" },
            };
            var total = 0;
            await Eventually.TrueAsync(
                async () => (total = await PreviewCountAsync(planner, request)) >= Items,
                () => $"{Items} open tasks of guangdong ({total} so far)",
                TimeSpan.FromMinutes(5));
            var seeding = clock.Elapsed;

            // Act: make the job; kill -9 once a third is done; restart on the same file and port.
            request["expectedCount"] = total;
            var made = await planner.PostAsJsonAsync("/api/bulk-jobs", request);
            Assert.Equal(HttpStatusCode.Created, made.StatusCode);
            var jobId = (await made.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
            var running = Stopwatch.StartNew();
            var doneAtKill = 0;
            await Eventually.TrueAsync(async () => (doneAtKill = await DoneAsync(planner, jobId)) >= total / 3, "a third of the job", TimeSpan.FromMinutes(5));
            node.Kill();
            var down = Stopwatch.StartNew();
            node = await nodes.StartAsync("a-restarted", node.Port);
            var downtime = down.Elapsed;
            planner = await node.SignInAsync();
            JsonObject? job = null;
            await Eventually.TrueAsync(
                async () => (job = await planner.GetFromJsonAsync<JsonObject>($"/api/bulk-jobs/{jobId}"))!["status"]!.GetValue<string>() == "Finished",
                () => $"the job to finish after the restart: {job?.ToJsonString()}",
                TimeSpan.FromMinutes(10));
            var runTook = running.Elapsed;

            // Assert: every item has an outcome, none failed, and each task moved once.
            var counts = await ReassignmentsPerTaskAsync(nodes.Database, jobId);
            output.WriteLine($"bulk job kill -9: {total} items, killed at {doneAtKill} done (down {downtime.TotalSeconds:0.0} s), " +
                $"job ran {runTook.TotalSeconds:0.0} s ({total / runTook.TotalSeconds:0} items/s with the restart); seeding {seeding.TotalSeconds:0.0} s; " +
                $"succeeded {job!["succeeded"]}, skipped {job["skipped"]} (repeats after the kill), failed {job["failed"]}");
            Assert.Equal(total, job["done"]!.GetValue<int>());
            Assert.Equal(0, job["failed"]!.GetValue<int>());
            Assert.Equal(total, counts.Count);
            Assert.All(counts, c => Assert.True(c.Value == 1, $"task {c.Key} was reassigned {c.Value} times"));
            var hubei = await node.SignInAsync("hubei.staff");
            Assert.Equal(total, (await hubei.GetFromJsonAsync<JsonObject>("/api/tasks?pageSize=1"))!["totalCount"]!.GetValue<int>());
        });
    }

    private static async Task<int> PreviewCountAsync(HttpClient planner, JsonObject request)
    {
        var response = await planner.PostAsJsonAsync("/api/bulk-jobs/preview?sample=1", request);
        return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonObject>())!["total"]!.GetValue<int>() : 0;
    }

    private static async Task<int> DoneAsync(HttpClient planner, string jobId) =>
        (await planner.GetFromJsonAsync<JsonObject>($"/api/bulk-jobs/{jobId}"))!["done"]!.GetValue<int>();

    /// <summary>For each task of the job, how many <c>Reassigned</c> entries its history has.</summary>
    private static async Task<Dictionary<string, int>> ReassignmentsPerTaskAsync(TestDatabase database, string jobId)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT i."ItemId", (SELECT COUNT(*) FROM "TaskEvents" e WHERE e."TaskId" = i."ItemId" AND e."Action" = 'Reassigned')
            FROM "BulkJobItems" i WHERE i."JobId" = @job
            """;
        var job = command.CreateParameter();
        job.ParameterName = "@job";
        job.Value = jobId;
        command.Parameters.Add(job);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            counts[reader.GetString(0)] = Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
        }

        return counts;
    }
}
