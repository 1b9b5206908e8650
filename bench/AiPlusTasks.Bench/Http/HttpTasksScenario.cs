using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace AiPlusTasks.Bench.Http;

/// <summary>
/// Issue 5, scenario 6: <c>GET /api/tasks</c> (the caller's open inbox, page 1 of 50 by due date) under 50 concurrent
/// connections from wrk, against the Host as a separate Release process on SQLite. The database holds the seed, real
/// <c>province-task</c> workflows for the caller's agency, and years of task history copied from them for every
/// agency (<see cref="TaskRows"/>). One request is checked first (200, the expected total, a full page); the run fails
/// when wrk saw a non-2xx response or a socket error.
/// </summary>
internal static class HttpTasksScenario
{
    public const string Name = "http-tasks";
    public const string QuickName = "http-tasks-quick";

    private const string CallerAgency = "guangdong";
    private const string Caller = CallerAgency + ".staff";
    private const string PlanId = "ai-plus-2025-2027";
    private const int RealWorkflows = 20;
    private const int CallerTasks = 3_000;
    private const int OtherTasksPerAgency = 100;
    private const int PageSize = 50;
    private const int Threads = 2;
    private const int Connections = 50;
    private const double TargetP99Milliseconds = 50;

    public static Task<IReadOnlyList<Figure>> RunAsync(BenchMode mode) => RunAsync(Name, mode);

    /// <summary>
    /// The same, 5 s after 2 s of warm-up, for the quick table: a smoke test with a figure, not the steady state (the
    /// Host's JIT is still tiering up; see <see cref="BenchMode.HttpWarmUp"/>).
    /// </summary>
    public static Task<IReadOnlyList<Figure>> RunQuickAsync(BenchMode mode) =>
        RunAsync(QuickName, mode with { HttpDuration = TimeSpan.FromSeconds(5), HttpWarmUp = TimeSpan.FromSeconds(2) });

    private static async Task<IReadOnlyList<Figure>> RunAsync(string scenario, BenchMode mode)
    {
        var wrk = Wrk.Locate();
        var build = await HostBuild.EnsureAsync();
        var folder = TempFolder.Create();
        try
        {
            var database = Path.Combine(folder, "aiplustasks.db");
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            await using var host = await HostProcess.StartAsync(build, database, client);
            var setup = Stopwatch.StartNew();
            await StartRealWorkflowsAsync(client, host.BaseAddress);
            var workflowsTime = setup.Elapsed;
            var open = RealWorkflows + await TaskRows.AddAsync(database, build.WorkflowsFolder, CallerAgency, CallerTasks, OtherTasksPerAgency);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{scenario}: Host healthy in {host.TimeToHealthy.TotalSeconds:F1} s, {RealWorkflows} workflows started in {workflowsTime.TotalSeconds:F1} s, task rows added in {(setup.Elapsed - workflowsTime).TotalSeconds:F1} s"));
            var token = await HostApi.TokenAsync(client, host.BaseAddress, Caller);
            var url = new Uri(host.BaseAddress, $"api/tasks?view=open&sort=due&page=1&pageSize={PageSize.ToString(CultureInfo.InvariantCulture)}");
            await CheckPageAsync(client, url, token, open);

            var warmUp = await Wrk.RunAsync(wrk, url, token, Threads, Connections, mode.HttpWarmUp);
            Check(warmUp, "warm-up");
            var cpuBefore = host.ProcessorTime;
            var report = await Wrk.RunAsync(wrk, url, token, Threads, Connections, mode.HttpDuration);
            var cpuPerRequest = (host.ProcessorTime - cpuBefore).TotalMilliseconds / Math.Max(1, report.Requests);
            Console.Error.WriteLine(report.Text);
            Check(report, "run");

            var details = string.Create(
                CultureInfo.InvariantCulture,
                $"{Wrk.CommandText(url, Threads, Connections, mode.HttpDuration)} after {mode.HttpWarmUp.TotalSeconds} s warm-up; {report.Requests} requests, all 2xx, " +
                $"Host CPU {cpuPerRequest:F2} ms per request; {Caller} sees {open} open of {CallerTasks + RealWorkflows} {CallerAgency} tasks, {OtherTasksPerAgency} per other agency; " +
                $"Host Release, Production, SQLite; wrk on the same {Environment.ProcessorCount} cores");
            return
            [
                new Figure(scenario, "GET /api/tasks requests/s", report.RequestsPerSecond, "req/s", "", null, details),
                new Figure(scenario, "GET /api/tasks p50 latency", report.P50Milliseconds, "ms", "", null, details),
                new Figure(scenario, "GET /api/tasks p99 latency", report.P99Milliseconds, "ms", $"< {TargetP99Milliseconds.ToString(CultureInfo.InvariantCulture)} ms", report.P99Milliseconds < TargetP99Milliseconds, details),
            ];
        }
        finally
        {
            TempFolder.Delete(folder);
        }
    }

    /// <summary>Real tasks for the caller's agency, one per catalog item, the way an NDRC planner issues them.</summary>
    private static async Task StartRealWorkflowsAsync(HttpClient client, Uri baseAddress)
    {
        var planner = await HostApi.TokenAsync(client, baseAddress, "ndrc.planner");
        string[] leads = ["miit", "most", "nda", "mofcom", "moa"];
        string[] pillars = ["action.industry.manufacturing", "action.science", "action.consumption", "action.wellbeing", "action.governance", "support.compute", "support.data"];
        var now = TimeProvider.System.GetUtcNow();
        for (var i = 0; i < RealWorkflows; i++)
        {
            var input = new JsonObject
            {
                ["agency"] = CallerAgency,
                ["title"] = $"推动人工智能+试点 AI+ pilots {(i + 1).ToString(CultureInfo.InvariantCulture)}",
                ["pillar"] = pillars[i % pillars.Length],
                ["leadAgency"] = leads[i % leads.Length],
                ["dueAt"] = now.AddDays(15 + (7 * i)).ToString("O", CultureInfo.InvariantCulture),
                ["planId"] = PlanId,
                ["guidance"] = "以中试基地为抓手推进智能化改造",
                ["blueWithin"] = "P3D",
            };
            var status = await HostApi.StartInstanceAsync(client, baseAddress, planner, "province-task", input);
            if (status != "Suspended")
            {
                throw new BenchmarkFailedException($"province-task {i.ToString(CultureInfo.InvariantCulture)} is {status}, expected Suspended on its task");
            }
        }
    }

    private static async Task CheckPageAsync(HttpClient client, Uri url, string token, int open)
    {
        var page = await HostApi.GetAsync(client, url, token);
        var total = page["totalCount"]?.GetValue<int>();
        var items = page["items"]?.AsArray().Count;
        if (total != open || items != Math.Min(PageSize, open) || items == 0)
        {
            throw new BenchmarkFailedException($"GET {url.PathAndQuery} as {Caller}: expected {open} open tasks and a page of {Math.Min(PageSize, open)}, got totalCount {total}, {items} items");
        }
    }

    private static void Check(WrkReport report, string what)
    {
        if (report.Requests == 0 || report.Non2xxOr3xx > 0 || report.SocketErrors > 0)
        {
            throw new BenchmarkFailedException($"wrk {what}: {report.Requests} requests, {report.Non2xxOr3xx} non-2xx/3xx, {report.SocketErrors} socket errors; no figure is reported:{Environment.NewLine}{report.Text}");
        }
    }
}
