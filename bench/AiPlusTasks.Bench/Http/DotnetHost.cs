namespace AiPlusTasks.Bench.Http;

/// <summary>The <c>dotnet</c> executable: the one that runs this program when <c>dotnet run</c> says so, else the one on the PATH.</summary>
internal static class DotnetHost
{
    public static string Path { get; } = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";
}
