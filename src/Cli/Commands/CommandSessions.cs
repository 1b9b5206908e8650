using System.CommandLine;
using AiPlusTasks.Cli.Connection;
using AiPlusTasks.Workflows.Definitions;

namespace AiPlusTasks.Cli.Commands;

/// <summary>Turns a parsed command line into a connection to its server, and every failure into a message and exit code 1.</summary>
public sealed class CommandSessions(CliEnvironment environment, GlobalOptions options)
{
    public CliEnvironment Environment => environment;

    public TokenStore Tokens { get; } = new(environment.ConfigFolder);

    private Uri ServerOf(ParseResult parsed) => parsed.GetValue(options.Url) ?? environment.GetVariable("AIPLUS_URL") switch
    {
        null or "" => new Uri(GlobalOptions.DefaultUrl),
        var text => GlobalOptions.ParseUrl(text) ?? throw new CommandFailedException($"AIPLUS_URL {text}: an http:// or https:// address is expected."),
    };

    /// <summary>Runs <paramref name="action"/> with a connection; a <see cref="CommandFailedException"/> is printed and exits 1.</summary>
    public Func<ParseResult, CancellationToken, Task<int>> Run(Func<ParseResult, ServerConnection, CancellationToken, Task<int>> action) =>
        async (parsed, cancellationToken) =>
        {
            var apiKey = parsed.GetValue(options.ApiKey) ?? environment.GetVariable("AIPLUS_API_KEY");
            try
            {
                using var connection = new ServerConnection(ServerOf(parsed), string.IsNullOrEmpty(apiKey) ? null : apiKey, Tokens, environment);
                return await action(parsed, connection, cancellationToken);
            }
            catch (Exception e) when (e is CommandFailedException or DefinitionFormatException or IOException or UnauthorizedAccessException)
            {
                await environment.Error.WriteLineAsync(e.Message);
                return ExitCodes.Failure;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return ExitCodes.Failure;
            }
        };
}
