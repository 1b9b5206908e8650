using System.CommandLine;
using AiPlusTasks.Cli.Commands;

namespace AiPlusTasks.Cli;

/// <summary>The <c>aiplus</c> command tree and how one command line runs: usage errors exit 2, failures 1.</summary>
public static class AiplusCommandLine
{
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        var options = new GlobalOptions();
        var root = new RootCommand("aiplus: the AI+ task engine from the command line (sign in, definitions, instances, plans, exports).");
        options.AddTo(root);
        var sessions = new CommandSessions(environment, options);
        root.Subcommands.Add(SignInCommands.Login(sessions));
        root.Subcommands.Add(SignInCommands.Logout(sessions));
        root.Subcommands.Add(DefinitionCommands.Create(sessions));
        root.Subcommands.Add(InstanceCommands.Create(sessions));
        root.Subcommands.Add(PlanCommands.Create(sessions));
        root.Subcommands.Add(ExportCommands.Create(sessions));

        var parsed = root.Parse(args);
        var invocation = new InvocationConfiguration { Output = environment.Out, Error = environment.Error };
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await environment.Error.WriteLineAsync(error.Message);
            }

            await environment.Error.WriteLineAsync("Run `aiplus --help` (or `aiplus <command> --help`) for the usage.");
            return ExitCodes.Usage;
        }

        return await parsed.InvokeAsync(invocation, cancellationToken);
    }
}
