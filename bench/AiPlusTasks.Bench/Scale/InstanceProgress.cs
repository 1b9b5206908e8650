using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace AiPlusTasks.Bench.Scale;

/// <summary>
/// Watches the engine's instance table from the bench's own connection until a given number of instances are
/// suspended (each waits on its human task or on its fan-out) — what the engine really did, not what the driver
/// asked for. Fails at once when an instance faulted or was cancelled.
/// </summary>
internal static class InstanceProgress
{
    /// <summary>
    /// Polls every <paramref name="interval"/>; stops when <paramref name="expected"/> are suspended or <paramref name="budget"/>
    /// has passed on <paramref name="clock"/>. <paramref name="suspendedAtStart"/> is the count when the clock started
    /// (the first sample, so rates cover the whole run even when the first poll comes late).
    /// </summary>
    public static async Task<Progress> WaitForSuspendedAsync(SqliteConnection connection, long expected, Stopwatch clock, TimeSpan interval, TimeSpan budget, long suspendedAtStart = 0)
    {
        var samples = new List<(TimeSpan At, long Suspended)> { (TimeSpan.Zero, suspendedAtStart) };
        while (true)
        {
            var counts = await Sql.CountsAsync(connection, "SELECT Status, COUNT(*) FROM WorkflowInstances GROUP BY Status");
            var at = clock.Elapsed;
            var suspended = counts.GetValueOrDefault("Suspended");
            samples.Add((at, suspended));
            var broken = counts.GetValueOrDefault("Faulted") + counts.GetValueOrDefault("Cancelled") + counts.GetValueOrDefault("Finished");
            if (broken > 0)
            {
                var incident = await Sql.RowsAsync(connection, "SELECT DefinitionId, Status, substr(State, 1, 600) FROM WorkflowInstances WHERE Status IN ('Faulted', 'Cancelled', 'Finished') LIMIT 1");
                throw new BenchmarkFailedException($"{broken} instance(s) ended while the cascade should leave every instance waiting; first: {string.Join("; ", incident)}");
            }

            if (suspended >= expected || at >= budget)
            {
                return new Progress(suspended >= expected, at, suspended, samples);
            }

            await Task.Delay(interval);
        }
    }

    /// <param name="Reached">All expected instances were suspended before the budget ran out.</param>
    /// <param name="Elapsed">The clock at the last poll.</param>
    /// <param name="Suspended">Instances suspended at the last poll.</param>
    /// <param name="Samples">Every poll: clock and suspended count.</param>
    internal sealed record Progress(bool Reached, TimeSpan Elapsed, long Suspended, IReadOnlyList<(TimeSpan At, long Suspended)> Samples)
    {
        /// <summary>Instances suspended per second in each <paramref name="step"/> of the run, e.g. <c>0–60 s: 150/s</c>, to show whether the rate holds as the tables grow.</summary>
        public string RateBy(TimeSpan step)
        {
            var parts = new List<string>();
            var from = Samples[0];
            foreach (var sample in Samples.Skip(1))
            {
                if (sample.At - from.At >= step || sample == Samples[^1])
                {
                    var rate = (sample.Suspended - from.Suspended) / Math.Max((sample.At - from.At).TotalSeconds, 1e-9);
                    parts.Add(FormattableString.Invariant($"{from.At.TotalSeconds:F0}–{sample.At.TotalSeconds:F0} s: {rate:F0}/s"));
                    from = sample;
                }
            }

            return string.Join(", ", parts);
        }

        /// <summary>Instances suspended per second over the last <paramref name="window"/> of the run (the steady rate).</summary>
        public double RateOverLast(TimeSpan window)
        {
            var last = Samples[^1];
            var first = Samples.LastOrDefault(s => s.At <= last.At - window, Samples[0]);
            var seconds = (last.At - first.At).TotalSeconds;
            return seconds <= 0 ? 0 : (last.Suspended - first.Suspended) / seconds;
        }
    }
}
