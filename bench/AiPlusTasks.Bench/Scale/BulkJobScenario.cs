using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Bulk;
using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Engine.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlusTasks.Bench.Scale;

/// <summary>
/// Issue 21: a bulk reassignment run by the engine's own background runner (<see cref="BulkJobService"/>, docs/decisions/029).
/// Bulk-loads task rows (as the inbox scenario does), previews and makes a job that reassigns every open task the NDRC
/// planner sees to hubei (hubei's own are skipped as already there), waits for the runner to finish it, and reports items
/// per second and the process's CPU time per item over the run. Each item is the real <c>TaskService.ReassignAsync</c>
/// (history, outbox event) plus one audit line; outcomes and counts are recorded per batch of 25.
/// </summary>
internal static class BulkJobScenario
{
    public const string Name = "bulk-job";

    public static Func<BenchMode, Task<IReadOnlyList<Figure>>> For(int rows) => mode => RunAsync(rows);

    private static async Task<IReadOnlyList<Figure>> RunAsync(int rows)
    {
        await using var host = await ScaleHost.StartAsync();
        await BulkLoader.LoadAsync(host, InboxDataset.For(host).Rows(rows));

        var bulk = host.Services.GetRequiredService<BulkJobService>();
        var planner = new Caller("ndrc.planner", AgencyDirectory.CoordinatorCode, new HashSet<string>(StringComparer.Ordinal) { Roles.NdrcPlanner });
        var request = new BulkJobRequest("reassign", new BulkFilter(View: TaskViews.Open), new JsonObject { ["agency"] = "hubei" });
        var preview = await bulk.PreviewAsync(planner, request, 1);

        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var job = await bulk.CreateAsync(planner, request with { ExpectedCount = preview.Total });
        while (job.Status == BulkJobStatus.Running)
        {
            await Task.Delay(100);
            job = await bulk.GetAsync(planner, job.Id);
        }

        clock.Stop();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        if (job.Status != BulkJobStatus.Finished || job.Done != preview.Total || job.Failed != 0)
        {
            throw new BenchmarkFailedException($"bulk job: {job.Status}, {job.Done} of {preview.Total} done, {job.Failed} failed");
        }

        var details = string.Create(CultureInfo.InvariantCulture,
            $"{rows:N0} task rows loaded; job: reassign every open task to hubei, {job.Total:N0} items ({job.Succeeded:N0} reassigned, {job.Skipped:N0} already hubei's, {job.Failed} failed), " +
            $"made in one request (selection frozen), run by the background runner in batches of {BulkJobService.RunnerBatchSize}, one audit line per item; SQLite file, WAL, synchronous=NORMAL; ") + MachineLoad.Text();
        return
        [
            new Figure(Name, "bulk job items per second", job.Total / clock.Elapsed.TotalSeconds, "items/s", "", null, details),
            new Figure(Name, "bulk job CPU per item", cpu.TotalMilliseconds / job.Total, "ms", "", null,
                string.Create(CultureInfo.InvariantCulture, $"process CPU time over the job's {clock.Elapsed.TotalSeconds:F1} s (make + run), divided by its items")),
        ];
    }
}
