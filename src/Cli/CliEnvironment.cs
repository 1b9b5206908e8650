namespace AiPlusTasks.Cli;

/// <summary>
/// Everything the CLI takes from the outside world: console streams, environment variables, the config folder, the
/// clock and the HTTP handler. The process uses <see cref="FromProcess"/>; tests run commands in-process with their own
/// streams, a config folder per test and the test server's handler.
/// </summary>
public sealed class CliEnvironment
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    /// <summary>Standard input (<c>--password-stdin</c>).</summary>
    public required TextReader In { get; init; }

    /// <summary>Where sign-in tokens are kept, one file for all servers.</summary>
    public required string ConfigFolder { get; init; }

    public required Func<string, string?> GetVariable { get; init; }

    /// <summary>Reads a secret from the terminal without echo; null when there is no terminal.</summary>
    public required Func<string, string?> ReadSecret { get; init; }

    public required TimeProvider Time { get; init; }

    /// <summary>The handler under every request; null: the platform's sockets handler.</summary>
    public Func<HttpMessageHandler>? CreateHandler { get; init; }

    /// <summary>How long <c>instances tail</c> waits between two reads of the journal.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    public static CliEnvironment FromProcess() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        In = Console.In,
        ConfigFolder = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.Create), "aiplus"),
        GetVariable = Environment.GetEnvironmentVariable,
        ReadSecret = ConsoleSecret.Read,
        Time = TimeProvider.System,
    };
}
