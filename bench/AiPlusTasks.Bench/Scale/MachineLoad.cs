using System.Globalization;

namespace AiPlusTasks.Bench.Scale;

/// <summary>The machine's load average, to read a figure by: the benchmark machine's cores are shared with other work.</summary>
internal static class MachineLoad
{
    public static string Text()
    {
        const string file = "/proc/loadavg";
        if (!File.Exists(file))
        {
            return "load average unknown";
        }

        var parts = File.ReadAllText(file).Split(' ');
        return string.Create(CultureInfo.InvariantCulture, $"load average {parts[0]} (1 min) / {parts[1]} (5 min) on {Environment.ProcessorCount} cores at the end");
    }
}
