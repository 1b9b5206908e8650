using System.CommandLine;
using System.Text.Json.Nodes;

namespace AiPlusTasks.Cli.Commands;

/// <summary><c>aiplus plans roll</c>.</summary>
public static class PlanCommands
{
    public static Command Create(CommandSessions sessions) => new("plans", "Rolling plans.") { Roll(sessions) };

    private static Command Roll(CommandSessions sessions)
    {
        var planId = new Argument<string>("planId");
        var period = new Option<string?>("--period") { Description = "The period to roll to, e.g. 2027-Q1 (default: the next one)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what the roll would change and stop (nothing is stored)." };
        var yes = new Option<bool>("--yes") { Description = "Roll without asking." };
        var command = new Command("roll", "Roll a plan to its next period: shows the changes, asks, then rolls.") { planId, period, dryRun, yes };
        command.SetAction(sessions.Run(async (parsed, connection, cancellationToken) =>
        {
            var environment = sessions.Environment;
            var route = $"/api/plans/{Uri.EscapeDataString(parsed.GetValue(planId)!)}/roll";
            var body = new JsonObject { ["period"] = parsed.GetValue(period) };
            var preview = (await connection.PostJsonAsync(route + "/preview", body, cancellationToken))!;
            await environment.Out.WriteLineAsync(Describe(preview));
            if (parsed.GetValue(dryRun))
            {
                await environment.Out.WriteLineAsync("Dry run: nothing was changed.");
                return ExitCodes.Ok;
            }

            if (!parsed.GetValue(yes))
            {
                await environment.Out.WriteAsync($"Roll to {preview["period"]}? [y/N] ");
                var answer = await environment.In.ReadLineAsync(cancellationToken);
                if (answer?.Trim().ToUpperInvariant() is not ("Y" or "YES"))
                {
                    await environment.Out.WriteLineAsync("Not rolled.");
                    return ExitCodes.Failure;
                }
            }

            var version = (await connection.PostJsonAsync(route, body, cancellationToken))!;
            await environment.Out.WriteLineAsync($"Rolled to {preview["period"]}: plan version {version["number"]}.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>The preview in words: one line per change, by task.</summary>
    public static string Describe(JsonNode preview)
    {
        var changes = preview["changes"]!.AsArray().OfType<JsonObject>().ToList();
        var lines = new List<string>
        {
            preview["alreadyRolled"]?.GetValue<bool>() == true
                ? $"Already rolled to {preview["period"]}."
                : $"Rolling to {preview["period"]}: {changes.Count} change(s).",
        };
        foreach (var change in changes)
        {
            var field = change["field"] is { } f ? $" {f}: {Text(change["old"])} → {Text(change["new"])}" : "";
            var reason = change["reason"] is { } r ? $" ({r})" : "";
            var agencies = change["agencies"] is JsonArray { Count: > 0 } list ? $" [{string.Join(", ", list)}]" : "";
            lines.Add($"  {change["taskKey"]}: {change["kind"]}{field}{reason}{agencies}");
        }

        return string.Join(Environment.NewLine, lines);
    }

    private static string Text(JsonNode? value) => value is null ? "(none)" : value.ToString();
}
