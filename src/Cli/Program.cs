namespace AiPlusTasks.Cli;

/// <summary>The <c>aiplus</c> process (not top-level statements: a global <c>Program</c> would clash with the Host's in the tests).</summary>
internal static class Program
{
    public static Task<int> Main(string[] args) => AiplusCommandLine.RunAsync(args, CliEnvironment.FromProcess());
}
