using Cronos;

namespace AiPlusTasks.Workflows.Definitions;

/// <summary>How the engine reads cron text: in <c>Elsa.Cron</c>, a plan's cadence, the validator, and the designer.</summary>
public static class CronExpressions
{
    /// <summary>Parses five-field cron, or six fields with seconds first; null when empty or invalid.</summary>
    public static CronExpression? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var format = fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard;
        return CronExpression.TryParse(text, format, out var expression) ? expression : null;
    }
}
