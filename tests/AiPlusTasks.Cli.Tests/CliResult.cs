namespace AiPlusTasks.Cli.Tests;

/// <summary>What one command line printed and its exit code.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- out\n{Output}\n--- err\n{Error}";
}
