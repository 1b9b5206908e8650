using System.Globalization;

namespace AiPlusTasks.Bench.Http;

/// <summary>
/// Issue 5, scenario 7: how long the Host takes from process start to the first 200 from <c>/health</c> on SQLite —
/// on a fresh database file (migrations and seeding of users, workflows and the plan included) and restarted on that
/// seeded file. Each run is a new process of the Release build; the figures are medians.
/// </summary>
internal static class StartupScenario
{
    public const string Name = "startup";
    private const double TargetSeconds = 3;

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchMode mode)
    {
        var build = await HostBuild.EnsureAsync();
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await HostProcess.WarmUpClientAsync(client);

        var cold = new List<double>();
        var restart = new List<double>();
        var coldCpu = new List<double>();
        var restartCpu = new List<double>();
        for (var run = 0; run < mode.StartupRuns; run++)
        {
            var folder = TempFolder.Create();
            try
            {
                var database = Path.Combine(folder, "aiplustasks.db");
                await using (var host = await HostProcess.StartAsync(build, database, client))
                {
                    // A start that skipped seeding would be a stub: a seeded user must be able to sign in.
                    await HostApi.TokenAsync(client, host.BaseAddress, "guangdong.staff");
                    cold.Add(host.TimeToHealthy.TotalSeconds);
                    coldCpu.Add(host.ProcessorTimeToHealthy.TotalSeconds);
                }

                await using (var host = await HostProcess.StartAsync(build, database, client))
                {
                    await HostApi.TokenAsync(client, host.BaseAddress, "guangdong.staff");
                    restart.Add(host.TimeToHealthy.TotalSeconds);
                    restartCpu.Add(host.ProcessorTimeToHealthy.TotalSeconds);
                }
            }
            finally
            {
                TempFolder.Delete(folder);
            }
        }

        var details = $"median of {mode.StartupRuns} runs; dotnet AiPlusTasks.Host.dll (Release, Production) to the first 200 from /health, polled every 20 ms; SQLite file in the temp folder";
        return
        [
            Startup("cold start to healthy, new database (migrate + seed)", cold, coldCpu, details),
            Startup("restart to healthy, seeded database", restart, restartCpu, details),
        ];
    }

    /// <summary>The median wall time, with every run and the Host's CPU time (which a busy machine inflates less) in the details.</summary>
    private static Figure Startup(string name, List<double> seconds, List<double> cpuSeconds, string details)
    {
        var median = Median.Of(seconds);
        return new Figure(Name, name, median, "s", $"< {TargetSeconds.ToString(CultureInfo.InvariantCulture)} s", median < TargetSeconds,
            $"{details}; runs: {Runs(seconds)} s; Host CPU time to healthy: median {Median.Of(cpuSeconds).ToString("F2", CultureInfo.InvariantCulture)} s (runs: {Runs(cpuSeconds)} s)");
    }

    private static string Runs(List<double> seconds) => string.Join(" / ", seconds.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)));
}
