using System.CommandLine;

namespace AiPlusTasks.Cli.Commands;

/// <summary><c>aiplus export ledger</c>: the plan's 台账 as a file.</summary>
public static class ExportCommands
{
    public static Command Create(CommandSessions sessions) => new("export", "Exports.") { Ledger(sessions) };

    private static Command Ledger(CommandSessions sessions)
    {
        var planId = new Argument<string>("planId");
        var format = new Option<string>("--format") { Description = "xlsx or csv.", DefaultValueFactory = _ => "xlsx" };
        format.AcceptOnlyFromAmong("xlsx", "csv");
        var output = new Option<FileInfo>("--output", "-o") { Description = "The file to write.", Required = true };
        var command = new Command("ledger", "Download a plan's ledger (台账) with the rows you may see.") { planId, format, output };
        command.SetAction(sessions.Run(async (parsed, session, cancellationToken) =>
        {
            var file = parsed.GetValue(output)!;
            var partial = file.FullName + ".part";
            await using (var download = await session.CallAsync(api => api.Api.Plans[parsed.GetValue(planId)!].LedgerWithFormat(parsed.GetValue(format)!).GetAsync(cancellationToken: cancellationToken)))
            await using (var stream = File.Create(partial))
            {
                await download.CopyToAsync(stream, cancellationToken);
            }

            // Only a complete download replaces the file: a refusal half-way leaves the old one as it was.
            File.Move(partial, file.FullName, overwrite: true);
            await sessions.Environment.Out.WriteLineAsync($"Wrote {file.FullName} ({new FileInfo(file.FullName).Length} bytes).");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
