using System.Diagnostics;

namespace AiPlusTasks.Bench.Http;

/// <summary>
/// The Host published (<c>dotnet publish -c Release</c>) into a folder, as it is deployed. The browser scenario needs
/// it: outside Development the Host serves its static web assets (<c>blazor.web.js</c>, MudBlazor's CSS and JS) only
/// from published output, so the plain build output would load the inbox without its scripts.
/// </summary>
internal static class HostPublish
{
    /// <summary>Builds the Host when stale (<see cref="HostBuild.EnsureAsync"/>), publishes it into <paramref name="folder"/> and returns it as a build to start.</summary>
    public static async Task<HostBuild> PublishAsync(string folder)
    {
        var build = await HostBuild.EnsureAsync();
        Console.Error.WriteLine($"publishing the Host (dotnet publish -c Release src/Host -o {folder})…");
        var start = new ProcessStartInfo(DotnetHost.Path) { WorkingDirectory = build.RepositoryRoot, UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var argument in new[] { "publish", "-c", "Release", "--no-build", "--nologo", "-v", "quiet", "-o", folder, Path.Combine("src", "Host") })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new BenchmarkFailedException("could not start dotnet publish");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var assembly = Path.Combine(folder, Path.GetFileName(build.Assembly));
        if (process.ExitCode != 0 || !File.Exists(assembly))
        {
            throw new BenchmarkFailedException($"dotnet publish -c Release src/Host failed (exit code {process.ExitCode}, {assembly} {(File.Exists(assembly) ? "present" : "missing")}):{Environment.NewLine}{output}");
        }

        return build with { OutputFolder = folder, Assembly = assembly };
    }
}
