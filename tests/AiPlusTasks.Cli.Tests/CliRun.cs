using AiPlusTasks.Cli;
using AiPlusTasks.Host.Tests;

namespace AiPlusTasks.Cli.Tests;

/// <summary>
/// Runs <c>aiplus</c> command lines in-process against a test Host (its in-memory handler), with a config folder of its
/// own, and keeps what each run printed.
/// </summary>
public sealed class CliRun : IDisposable
{
    public const string Url = "http://localhost";

    private readonly HostFactory? _host;

    public CliRun(HostFactory? host)
    {
        _host = host;
        Directory.CreateDirectory(ConfigFolder);
    }

    public string ConfigFolder { get; } = Path.Combine(Path.GetTempPath(), "aiplus-cli-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Runs one command line (with <c>--url</c> of the test Host added), <paramref name="input"/> as standard input.</summary>
    public async Task<CliResult> RunWithInputAsync(string input, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = new CliEnvironment
        {
            Out = output,
            Error = error,
            In = new StringReader(input),
            ConfigFolder = ConfigFolder,
            GetVariable = name => name == "AIPLUS_URL" ? Url : null,
            ReadSecret = _ => null,
            Time = TimeProvider.System,
            CreateHandler = _host is null ? null : () => _host.Server.CreateHandler(),
            PollInterval = TimeSpan.FromMilliseconds(50),
        };
        var exitCode = await AiplusCommandLine.RunAsync(args, environment);
        return new(exitCode, output.ToString(), error.ToString());
    }

    public Task<CliResult> RunAsync(params string[] args) => RunWithInputAsync("", args);

    /// <summary>Signs in as the NDRC planner through <c>aiplus login --password-stdin</c>.</summary>
    public async Task LoginAsync(string user = "ndrc.planner")
    {
        var login = await RunWithInputAsync(HostFactory.Password + "\n", "login", "--user", user, "--password-stdin");
        Assert.True(login.ExitCode == 0, login.ToString());
    }

    public void Dispose() => Directory.Delete(ConfigFolder, recursive: true);
}
