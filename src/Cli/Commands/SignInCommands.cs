using System.CommandLine;

namespace AiPlusTasks.Cli.Commands;

/// <summary><c>aiplus login</c> and <c>aiplus logout</c>.</summary>
public static class SignInCommands
{
    public static Command Login(CommandSessions sessions)
    {
        var user = new Option<string>("--user") { Description = "The user name, e.g. ndrc.planner.", Required = true };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input (one line) instead of a prompt." };
        var command = new Command("login", "Sign in with a user name and password; the tokens are kept for this server in your config folder, readable by you only.")
        {
            user,
            passwordStdin,
        };
        command.SetAction(sessions.Run(async (parsed, session, cancellationToken) =>
        {
            var environment = sessions.Environment;
            var password = parsed.GetValue(passwordStdin)
                ? await environment.In.ReadLineAsync(cancellationToken)
                : environment.ReadSecret("Password: ");
            if (string.IsNullOrEmpty(password))
            {
                throw new CommandFailedException("No password: type it at the prompt, or pipe it with --password-stdin.");
            }

            await sessions.SignInAsync(session, parsed.GetValue(user)!, password, cancellationToken);
            await environment.Out.WriteLineAsync($"Signed in to {session.Server} as {parsed.GetValue(user)}.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    public static Command Logout(CommandSessions sessions)
    {
        var command = new Command("logout", "Forget this server's tokens on this machine (they expire on the server by themselves; signing out everywhere is in the web UI).");
        command.SetAction(sessions.Run(async (parsed, session, cancellationToken) =>
        {
            var removed = sessions.Tokens.Remove(session.Server);
            await sessions.Environment.Out.WriteLineAsync(removed ? $"Signed out of {session.Server}." : $"Not signed in to {session.Server}.");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
