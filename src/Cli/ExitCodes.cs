namespace AiPlusTasks.Cli;

/// <summary>The process exit codes (README, CLI section).</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The server refused, could not be reached, or a file was wrong.</summary>
    public const int Failure = 1;

    /// <summary>The command line itself was wrong (unknown command, missing argument, bad option value).</summary>
    public const int Usage = 2;
}
