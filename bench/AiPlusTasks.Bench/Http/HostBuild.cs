using System.Diagnostics;

namespace AiPlusTasks.Bench.Http;

/// <summary>
/// Where the Host's Release build is: the repository root (found by walking up from this program to
/// <c>AiPlusTasks.sln</c>), and <c>src/Host/bin/Release/&lt;tfm&gt;/AiPlusTasks.Host.dll</c>, built first when it is
/// missing or older than a source file of the Host or the Engine, so a run never measures stale code.
/// </summary>
internal sealed record HostBuild(string RepositoryRoot, string OutputFolder, string Assembly)
{
    private const string SolutionFile = "AiPlusTasks.sln";
    private const string AssemblyName = "AiPlusTasks.Host.dll";
    private static readonly HashSet<string> BuildInputExtensions = new(StringComparer.OrdinalIgnoreCase) { ".cs", ".csproj", ".json", ".resx" };

    /// <summary>The repository's <c>workflows/</c> folder, which the Host seeds from.</summary>
    public string WorkflowsFolder => Path.Combine(RepositoryRoot, "workflows");

    public static async Task<HostBuild> EnsureAsync()
    {
        var root = FindRepositoryRoot();

        // The bench and the Host share Directory.Build.props, so their target folders have the same name (net10.0).
        var targetFramework = Path.GetFileName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var output = Path.Combine(root, "src", "Host", "bin", "Release", targetFramework);
        var assembly = Path.Combine(output, AssemblyName);
        if (!File.Exists(assembly) || NewestSource(root) > File.GetLastWriteTimeUtc(assembly))
        {
            await BuildAsync(root);
        }

        return File.Exists(assembly)
            ? new HostBuild(root, output, assembly)
            : throw new BenchmarkFailedException($"the Host build did not produce {assembly}");
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, SolutionFile)))
            {
                return folder.FullName;
            }
        }

        throw new BenchmarkFailedException($"no {SolutionFile} above {AppContext.BaseDirectory}: run the bench from the repository");
    }

    /// <summary>
    /// The newest build input of the Host: code, project and settings files under <c>src/Host</c> and <c>src/Engine</c>
    /// (not <c>bin</c>, <c>obj</c>, nor the SQLite files a local run leaves in <c>src/Host/data</c>) and the root props.
    /// </summary>
    private static DateTime NewestSource(string root) =>
        new[] { Path.Combine(root, "src", "Host"), Path.Combine(root, "src", "Engine") }
            .SelectMany(folder => System.IO.Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            .Where(file => BuildInputExtensions.Contains(Path.GetExtension(file)) && !IsBuildOutput(file))
            .Concat(System.IO.Directory.EnumerateFiles(root, "Directory.*.props"))
            .Select(File.GetLastWriteTimeUtc)
            .DefaultIfEmpty(DateTime.MinValue)
            .Max();

    private static bool IsBuildOutput(string file) =>
        file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
        || file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    private static async Task BuildAsync(string root)
    {
        Console.Error.WriteLine("building the Host (dotnet build -c Release src/Host)…");
        var start = new ProcessStartInfo(DotnetHost.Path) { WorkingDirectory = root, UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var argument in new[] { "build", "-c", "Release", "--nologo", "-v", "quiet", Path.Combine("src", "Host") })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new BenchmarkFailedException("could not start dotnet build");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new BenchmarkFailedException($"dotnet build -c Release src/Host failed with exit code {process.ExitCode}:{Environment.NewLine}{output}");
        }
    }
}
