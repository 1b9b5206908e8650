namespace AiPlusTasks.Engine.Tasks;

/// <summary>
/// One cell of the supervision heatmap: the open and claimed tasks of one agency in one pillar, how many of each colour,
/// and the cell's colour both ways the dashboard can show it — the worst task's, or the average rounded to the
/// nearest colour (green 0, blue 1, yellow 2, red 3).
/// </summary>
public sealed record HeatmapCell(string Pillar, string AgencyCode, int Open, IReadOnlyDictionary<TaskColour, int> ByColour, TaskColour Worst, TaskColour Average)
{
    /// <summary>A cell from colour counts (at least one task).</summary>
    public static HeatmapCell From(string pillar, string agencyCode, IReadOnlyDictionary<TaskColour, int> byColour)
    {
        var open = byColour.Values.Sum();
        var worst = byColour.Where(c => c.Value > 0).Max(c => c.Key);
        var average = (TaskColour)(int)Math.Round(byColour.Sum(c => (double)c.Key * c.Value) / open, MidpointRounding.AwayFromZero);
        return new HeatmapCell(pillar, agencyCode, open, byColour, worst, average);
    }
}
