using System.CommandLine;
using AiPlusTasks.Cli.Connection;
using AiPlusTasks.Client;
using AiPlusTasks.Workflows.Definitions;

namespace AiPlusTasks.Cli.Commands;

/// <summary>
/// Turns a parsed command line into a session with its server (an API key when given, else the tokens kept by
/// <c>aiplus login</c>, renewed and kept again by the client's <see cref="SignInSession"/>), and every failure into a
/// message and exit code 1.
/// </summary>
public sealed class CommandSessions(CliEnvironment environment, GlobalOptions options)
{
    public CliEnvironment Environment => environment;

    public TokenStore Tokens { get; } = new(environment.ConfigFolder);

    /// <summary>Runs <paramref name="action"/> with a session; a <see cref="CommandFailedException"/> is printed and exits 1.</summary>
    public Func<ParseResult, CancellationToken, Task<int>> Run(Func<ParseResult, ServerSession, CancellationToken, Task<int>> action) =>
        async (parsed, cancellationToken) =>
        {
            using var http = environment.CreateHandler is { } handler ? new HttpClient(handler()) : null;
            try
            {
                return await action(parsed, Connect(parsed, http), cancellationToken);
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

    /// <summary>Signs in with a password; the tokens are kept for the server.</summary>
    public async Task SignInAsync(ServerSession session, string user, string password, CancellationToken cancellationToken)
    {
        var signedIn = await session.CallAsync(
            _ => SignInSession.SignInAsync(session.Server, user, password, httpClient: session.Http, time: environment.Time, cancellationToken: cancellationToken)!,
            signingIn: true);
        Tokens.Save(session.Server, signedIn.Tokens);
    }

    private ServerSession Connect(ParseResult parsed, HttpClient? http)
    {
        var server = ServerOf(parsed);
        var apiKey = parsed.GetValue(options.ApiKey) ?? environment.GetVariable("AIPLUS_API_KEY");
        AiPlusTasksApiClient api;
        if (!string.IsNullOrEmpty(apiKey))
        {
            api = AiPlusTasksClients.WithApiKey(server, apiKey, http);
        }
        else if (Tokens.Get(server) is { } tokens)
        {
            var signIn = SignInSession.Resume(server, tokens, http, environment.Time);
            signIn.TokensRenewed += (_, renewed) => Tokens.Save(server, renewed);
            api = AiPlusTasksClients.WithSession(signIn, http);
        }
        else
        {
            api = AiPlusTasksClients.Anonymous(server, http);
        }

        return new ServerSession(server, api, http);
    }

    private Uri ServerOf(ParseResult parsed) => parsed.GetValue(options.Url) ?? environment.GetVariable("AIPLUS_URL") switch
    {
        null or "" => new Uri(GlobalOptions.DefaultUrl),
        var text => GlobalOptions.ParseUrl(text) ?? throw new CommandFailedException($"AIPLUS_URL {text}: an http:// or https:// address is expected."),
    };
}
