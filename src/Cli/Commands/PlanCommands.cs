using System.CommandLine;
using AiPlusTasks.Client.Models;

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
        command.SetAction(sessions.Run(async (parsed, session, cancellationToken) =>
        {
            var environment = sessions.Environment;
            var plan = parsed.GetValue(planId)!;
            var body = new RollBody { Period = parsed.GetValue(period) };
            var preview = await session.CallAsync(api => api.Api.Plans[plan].Roll.Preview.PostAsync(body, cancellationToken: cancellationToken));
            await environment.Out.WriteLineAsync(Describe(preview));
            if (parsed.GetValue(dryRun))
            {
                await environment.Out.WriteLineAsync("Dry run: nothing was changed.");
                return ExitCodes.Ok;
            }

            if (!parsed.GetValue(yes))
            {
                await environment.Out.WriteAsync($"Roll to {preview.Period}? [y/N] ");
                var answer = await environment.In.ReadLineAsync(cancellationToken);
                if (answer?.Trim().ToUpperInvariant() is not ("Y" or "YES"))
                {
                    await environment.Out.WriteLineAsync("Not rolled.");
                    return ExitCodes.Failure;
                }
            }

            var version = await session.CallAsync(api => api.Api.Plans[plan].Roll.PostAsync(body, cancellationToken: cancellationToken));
            await environment.Out.WriteLineAsync($"Rolled to {version.Period}: plan version {version.Number}.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>The preview in words: one line per change, by task.</summary>
    public static string Describe(RollPreview preview)
    {
        var changes = preview.Changes ?? [];
        var lines = new List<string>
        {
            preview.AlreadyRolled == true ? $"Already rolled to {preview.Period}." : $"Rolling to {preview.Period}: {changes.Count} change(s).",
        };
        foreach (var change in changes)
        {
            var field = change.Field is { } f ? $" {f}: {change.Old ?? "(none)"} → {change.New ?? "(none)"}" : "";
            var reason = change.Reason is { } r ? $" ({r})" : "";
            var agencies = change.Agencies is { Count: > 0 } list ? $" [{string.Join(", ", list)}]" : "";
            lines.Add($"  {change.TaskKey}: {change.Kind}{field}{reason}{agencies}");
        }

        return string.Join(Environment.NewLine, lines);
    }
}
